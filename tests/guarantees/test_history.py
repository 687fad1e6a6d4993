"""A guarantee's public history (issue 32 item 3): "Senast ändrad" and the list of published
changes, read from Wagtail's revisions, compared once per publish and never per view."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import PageLogEntry

from guarantees import history
from guarantees.models import Commitment, GuaranteePage, QualityCriterion
from home import fragments

pytestmark = pytest.mark.django_db


def _html(client, page):
    fragments.forget_all()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def _section(html):
    found = re.search(
        r'<section class="guarantee__section" aria-labelledby="andringar">.*?</section>', html, re.S
    )
    return found.group(0) if found else ""


def _publish(page, user=None):
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return GuaranteePage.objects.get(pk=page.pk)


def _backdate_publishes(page, days):
    """As if the publishes so far had happened `days` ago (the log is the record of when)."""
    PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").update(
        timestamp=timezone.now() - datetime.timedelta(days=days)
    )


def _long(date):
    return date_format(date, "j F Y")


def test_every_guarantee_says_when_it_was_last_changed_even_before_any_change(client, guarantee):
    _backdate_publishes(guarantee, 40)
    html = _html(client, guarantee)
    first = timezone.localdate() - datetime.timedelta(days=40)
    assert f'Senast ändrad <time datetime="{first.isoformat()}">{_long(first)}</time>.' in html
    # Nothing changed after the first publication: no list and no link to one.
    assert 'id="andringar"' not in html and 'href="#andringar"' not in html


def test_a_commitment_added_changed_and_removed_is_listed_under_the_date_it_was_published(
    client, guarantee
):
    _backdate_publishes(guarantee, 40)
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    first, second, third = page.commitments.all()
    first.expected_result = "Minst 95 procent nöjda"
    second.title = "Du får svar samma dag"
    page.commitments = [
        first,
        second,
        Commitment(
            title="Ditt barn har en egen kontaktpedagog",
            expected_result="Alla barn har en namngiven kontaktpedagog",
            quality_criterion=QualityCriterion.CONFIDENCE,
        ),
    ]
    page = _publish(page)

    html = _html(client, page)
    today = timezone.localdate()
    assert f'Senast ändrad <time datetime="{today.isoformat()}">{_long(today)}</time>.' in html
    assert '<a href="#andringar">Se vad som har ändrats</a>' in html
    listed = _section(html)
    assert listed.index(_long(today)) < listed.index(_long(today - datetime.timedelta(days=40)))
    assert "Nytt åtagande: ”Ditt barn har en egen kontaktpedagog”" in listed
    assert "Ändrat åtagande: ”Enhetsåtagande 1”" in listed
    assert (
        "Förväntat resultat nu: ”Minst 95 procent nöjda”. Tidigare: ”Minst 80 procent nöjda”"
        in listed
    )
    assert "Ändrat åtagande: ”Du får svar samma dag”" in listed
    assert "Hette tidigare: ”Enhetsåtagande 2”" in listed
    assert "Borttaget åtagande: ”Enhetsåtagande 3”" in listed
    assert "Garantin publicerades." in listed


def test_a_commitment_added_once_is_not_reported_again_when_the_next_version_is_published(
    client, guarantee
):
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    page.commitments.add(
        Commitment(title="Nytt löfte", expected_result="Alla nöjda", quality_criterion="trygghet")
    )
    page = _publish(page)  # the new commitment has no id in this revision, an id after it
    page.phone = "0123-45 67 89"
    page = _publish(page)

    entries = history.compute(page)
    assert [entry["added"] for entry in entries if not entry["first"]] == [[], ["Nytt löfte"]]
    assert entries[0]["sections"] == ["contact"] and entries[0]["changed"] == []
    assert "Kontaktuppgifterna ändrades." in _section(_html(client, page))


def test_a_draft_and_a_publish_that_changed_nothing_are_not_listed(client, guarantee):
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    page = _publish(page)  # published again as it was
    page.idea = "Ett utkast som ingen har godkänt."
    page.save_revision()
    html = _html(client, page)
    assert "Ett utkast" not in html
    assert 'id="andringar"' not in html
    assert [entry["first"] for entry in history.compute(page)] == [True]


def test_the_history_names_no_editor(client, guarantee):
    editor = get_user_model().objects.create_user(
        "redaktor", password="x", first_name="Greta", last_name="Redaktörsson"
    )
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    page.remedy = "Vi ringer dig samma dag och rättar felet."
    page = _publish(page, user=editor)
    html = _html(client, page)
    assert "Vad vi gör om vi inte håller vad vi lovar ändrades." in _section(html)
    assert "Greta" not in html and "Redaktörsson" not in html and "redaktor" not in html


def test_the_changes_are_compared_on_publish_and_a_view_reads_no_revision(
    client, guarantee, django_capture_on_commit_callbacks
):
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    page.commitments.add(
        Commitment(title="Nytt löfte", expected_result="Alla nöjda", quality_criterion="trygghet")
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = _publish(page)
    fragments.forget_all()
    with CaptureQueriesContext(connection) as first_view:
        html = client.get(page.url).content.decode()
    assert "Nytt åtagande: ”Nytt löfte”" in html
    read = " ".join(query["sql"] for query in first_view.captured_queries)
    assert "wagtailcore_revision" not in read and "wagtailcore_pagelogentry" not in read
