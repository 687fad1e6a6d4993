"""Good examples: the fixed shape, the listing's filters, links both ways with the follow-up,
and unit editors writing only their own unit's examples, approved by the committee."""

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from examples.models import GoodExamplePage
from guarantees.followup.models import Outcome
from guarantees.models import QualityCriterion
from tests.factories import make_guarantee, make_service_area
from tests.followup.conftest import make_follow_up

from .builders import make_examples_index, make_good_example

pytestmark = pytest.mark.django_db


def test_a_good_example_and_its_follow_up_outcome_link_to_each_other(home_page, guarantee):
    follow_up = make_follow_up(guarantee, outcomes=[Outcome.MET, Outcome.MET, Outcome.NOT_MET])
    outcome = follow_up.outcomes.get(outcome=Outcome.NOT_MET)
    index = make_examples_index(home_page)
    example = make_good_example(index, guarantee, outcome=outcome)

    client = Client()
    example_html = client.get(example.url).content.decode()
    back = f"{guarantee.url}?uppfoljning={follow_up.year}#utfall-{outcome.pk}"
    assert f'href="{back}"' in example_html
    assert "61 %" in example_html and "94 %" in example_html  # what came of it, in figures

    guarantee_html = client.get(guarantee.url).content.decode()
    assert f'id="utfall-{outcome.pk}"' in guarantee_html
    outcome_block = guarantee_html.split(f'id="utfall-{outcome.pk}"', 1)[1].split("</li>", 1)[0]
    assert f'href="{example.url}"' in outcome_block  # beside the outcome it concerns
    assert "Goda exempel från enheten" in guarantee_html


def test_an_unpublished_example_is_not_linked_from_the_guarantee(home_page, guarantee):
    follow_up = make_follow_up(guarantee)
    index = make_examples_index(home_page)
    example = make_good_example(index, guarantee, outcome=follow_up.outcomes.first())
    example.unpublish()
    assert example.title not in Client().get(guarantee.url).content.decode()


def test_the_listing_filters_by_service_area_and_quality_criterion(home_page, guarantee):
    school_area = make_service_area(home_page, title="Grundskola")
    school = make_guarantee(school_area, title="Ekskolan")
    index = make_examples_index(home_page)
    preschool_example = make_good_example(
        index, guarantee, title="Tryggare hämtning", commitment=guarantee.commitments.first()
    )
    school_example = make_good_example(
        index,
        school,
        title="Elevråd med riktig makt",
        commitment=school.commitments.first(),
        quality_criterion=QualityCriterion.INFLUENCE,
    )
    client = Client()
    everything = client.get(index.url).content.decode()
    assert preschool_example.title in everything and school_example.title in everything

    by_area = client.get(index.url, {"omrade": school_area.pk}).content.decode()
    assert school_example.title in by_area and preschool_example.title not in by_area

    by_criterion = client.get(index.url, {"kriterium": QualityCriterion.TREATMENT}).content.decode()
    assert preschool_example.title in by_criterion and school_example.title not in by_criterion

    nonsense = client.get(index.url, {"omrade": "x", "kriterium": "<script>"})
    assert nonsense.status_code == 200


def create_data(unit, outcome=None, commitment=None, title="Kortare väntan"):
    return nested_form_data(
        {
            "title": title,
            "slug": "kortare-vantan",
            "unit": unit.pk,
            "quality_criterion": QualityCriterion.ACCESSIBILITY,
            "commitment": commitment.pk if commitment else "",
            "outcome": outcome.pk if outcome else "",
            "problem": "Många fick vänta länge på besked.",
            "change": "Vi införde en telefontid varje dag.",
            "result": "Väntan blev kortare.",
            "figures": inline_formset([{"label": "Väntetid", "before": "9 dagar", "after": "2"}]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )


def test_unit_editors_write_only_their_units_examples_and_the_committee_approves(client, world):
    index = make_examples_index(world.home)  # after setup_roles: unit editors may add here
    other_example = make_good_example(
        index, world.other, title="Ekskolans exempel", commitment=world.other.commitments.first()
    )
    editor = world.users["editor"]
    client.force_login(editor)
    add_url = f"/admin/pages/add/examples/goodexamplepage/{index.pk}/"

    form = client.get(add_url).context["form"]
    assert list(form.fields["unit"].queryset) == [world.own]

    refused = client.post(
        add_url, create_data(world.other, commitment=world.other.commitments.first())
    )
    assert refused.status_code == 200 and "unit" in refused.context["form"].errors
    assert not GoodExamplePage.objects.filter(title="Kortare väntan").exists()

    # Another unit's commitment on one's own unit's example is refused too.
    mixed = client.post(add_url, create_data(world.own, commitment=world.other.commitments.first()))
    assert mixed.status_code == 200 and "commitment" in mixed.context["form"].errors

    created = client.post(add_url, create_data(world.own, commitment=world.own.commitments.first()))
    assert created.status_code == 302, created.context["form"].errors
    mine = GoodExamplePage.objects.get(title="Kortare väntan")
    assert not mine.live  # the committee decides
    assert mine.current_workflow_state.workflow.name == "Nämndens godkännande"
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200

    assert client.get(f"/admin/pages/{other_example.pk}/edit/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{other_example.pk}/delete/").status_code in (302, 403)
    assert GoodExamplePage.objects.filter(pk=other_example.pk).exists()

    from tests.staff.test_workflow import approve

    client.force_login(world.users["approver"])
    approve(client, mine)
    mine.refresh_from_db()
    assert mine.live


def test_the_site_search_finds_a_good_example_by_what_was_changed(
    home_page, guarantee, django_capture_on_commit_callbacks
):
    index = make_examples_index(home_page)
    example = make_good_example(index, guarantee, commitment=guarantee.commitments.first())
    html = Client().get("/sok/", {"q": "arbetsplatsträffen"}).content.decode()
    assert f'href="{example.url}"' in html
    # Taken down and committed, as the admin's unpublish does: kept search results are old.
    with django_capture_on_commit_callbacks(execute=True):
        example.unpublish()
    html = Client().get("/sok/", {"q": "arbetsplatsträffen"}).content.decode()
    assert f'href="{example.url}"' not in html
