"""The accessibility statement that DOS-lagen asks for, at /tillganglighetsredogorelse/."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import AccessibilityShortcoming, AccessibilityStatementPage

pytestmark = pytest.mark.django_db


def test_statement_page_shows_every_part_the_law_asks_for(client, home_page):
    response = client.get("/tillganglighetsredogorelse/")
    assert response.status_code == 200
    html = response.content.decode()
    # Organisation and the service covered.
    assert "Ängsby kommun står bakom webbplatsen för Ängsby kommuns kvalitetsgarantier" in html
    # Compliance status.
    assert "Webbplatsen är delvis förenlig med lagkraven" in html
    # Known shortcomings, with WCAG criterion, reason and planned fix.
    assert "Innehåll som inte är tillgängligt" in html
    assert "1.1.1 Icke-textinnehåll" in html
    assert "Innehåll som inte omfattas av lagen" in html
    assert '<time datetime="2027-06-30">' in html
    # Assessment method and date, last update.
    assert "Egen granskning" in html
    assert '<time datetime="2026-10-01">' in html
    assert "Redogörelsen senast uppdaterad" in html
    # How to report a problem.
    assert 'href="mailto:kontaktcenter@angsby.example"' in html
    assert 'href="tel:+46123456700"' in html
    assert 'href="/synpunkter/"' in html
    # The supervisory authority's complaint form.
    assert 'href="https://www.digg.se/tdosanmalan"' in html


def test_every_footer_links_to_the_statement(client, guarantee):
    for path in ["/", guarantee.url, "/finns-inte/"]:
        assert 'href="/tillganglighetsredogorelse/"' in client.get(path).content.decode()


def test_fully_compliant_statement_lists_no_shortcomings(client, home_page):
    statement = AccessibilityStatementPage.objects.get()
    statement.compliance_status = AccessibilityStatementPage.Compliance.FULL
    statement.shortcomings.clear()
    statement.save_revision().publish()
    html = client.get("/tillganglighetsredogorelse/").content.decode()
    assert "Webbplatsen är helt förenlig med lagkraven" in html
    assert "Innehåll som inte är tillgängligt" not in html


def test_only_one_statement_can_stand_under_the_home_page(home_page):
    assert not AccessibilityStatementPage.can_create_at(home_page)
    assert not AccessibilityStatementPage.can_create_at(Page.get_first_root_node())


def test_an_editor_updates_the_statement_and_adds_a_shortcoming_in_the_admin(
    admin_client, home_page
):
    statement = AccessibilityStatementPage.objects.get()
    data = nested_form_data(
        {
            "title": statement.title,
            "slug": statement.slug,
            "intro": "Ny ingress.",
            "organisation": "Ängsby kommun, kommunstyrelsen",
            "service": statement.service,
            "compliance_status": "none",
            "assessment_method": "third_party",
            "assessment_description": "Granskad av en extern konsult.",
            "assessed_on": "2026-11-01",
            "statement_updated_on": "2026-11-02",
            "contact_email": "tillganglighet@angsby.example",
            "contact_phone": "",
            "contact_form_url": "/synpunkter/",
            "response_time": "inom en vecka",
            "supervisory_authority_url": "https://www.digg.se/tdosanmalan",
            "shortcomings": inline_formset(
                [
                    {
                        "id": item.pk,
                        "problem": item.problem,
                        "wcag_criterion": item.wcag_criterion,
                        "reason": item.reason,
                        "reason_detail": item.reason_detail,
                        "planned_fix_on": item.planned_fix_on or "",
                        "ORDER": str(i),
                    }
                    for i, item in enumerate(statement.shortcomings.all())
                ]
                + [
                    {
                        "problem": "Kartan över enheterna går inte att använda med tangentbord.",
                        "wcag_criterion": "2.1.1 Tangentbord",
                        "reason": "disproportionate",
                        "reason_detail": "Kartleverantören byts ut under nästa år.",
                        "planned_fix_on": "2027-12-31",
                        "ORDER": "2",
                    }
                ],
                initial=statement.shortcomings.count(),
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{statement.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]

    statement = AccessibilityStatementPage.objects.get()
    assert statement.organisation == "Ängsby kommun, kommunstyrelsen"
    assert statement.compliance_status == "none"
    assert statement.assessment_method == "third_party"
    assert statement.statement_updated_on == datetime.date(2026, 11, 2)
    added = AccessibilityShortcoming.objects.get(wcag_criterion="2.1.1 Tangentbord")
    assert added.reason == AccessibilityShortcoming.Reason.DISPROPORTIONATE
    assert added.planned_fix_on == datetime.date(2027, 12, 31)
    assert statement.shortcomings.count() == 3


def test_loading_the_demo_again_creates_no_second_statement(home_page):
    from io import StringIO

    from home import demo

    demo.load(StringIO())
    assert AccessibilityStatementPage.objects.count() == 1
    assert AccessibilityStatementPage.objects.get().url == "/tillganglighetsredogorelse/"
