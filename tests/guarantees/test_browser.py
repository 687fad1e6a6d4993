"""A resident follows a link to one commitment of a guarantee, in Chromium."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_following_a_commitment_link_brings_that_commitment_into_view(page, guarantee):
    target = list(guarantee.commitments.all())[-1]
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(guarantee.url)
    element = page.locator(f"#{target.anchor}")
    assert not _in_viewport(element)

    page.locator(f'.commitment-index a[href="#{target.anchor}"]').click()

    page.wait_for_url(f"**{guarantee.url}#{target.anchor}")
    assert element.evaluate("el => el.matches(':target')")
    assert _in_viewport(element)
    assert target.title in element.inner_text()
    assert (
        element.get_by_role("link", name="Det här löftet hölls inte").get_attribute("href")
        == f"?atagande={target.pk}#lamna-synpunkt"
    )
    assert page.watch.console_errors == []
    assert page.watch.hosts <= {page.url.split("/")[2]}


def test_opening_a_commitment_anchor_directly_shows_it(page, guarantee, live_server):
    target = list(guarantee.commitments.all())[1]
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(f"{guarantee.url}#{target.anchor}")
    element = page.locator(f"#{target.anchor}")
    assert element.evaluate("el => el.matches(':target')")
    assert _in_viewport(element)
    assert page.watch.console_errors == []


def _in_viewport(locator):
    return locator.evaluate(
        """el => {
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.top < window.innerHeight;
        }"""
    )
