"""The whole e-proposal flow in Chromium: submit, confirm, moderate, vote, confirm, answer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from proposals import services
from proposals.models import Proposal, Status, Vote
from tests.conftest import PageWatch, cut_off_on_screen

from .conftest import mailed_link, path_of, votes_from

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_proposal_goes_from_submission_to_a_published_answer(
    page, browser, live_server, home_page, service_area, django_user_model
):
    django_user_model.objects.create_superuser("admin", "admin@example.se", "pw")

    # Submit, in two steps, without JavaScript doing the work.
    page.goto("/e-forslag/nytt/")
    page.get_by_label("Rubrik").fill("Lekplats vid Solrosens förskola")
    page.get_by_label("Ditt förslag").fill("Bygg om lekplatsen så att små barn kan klättra säkert.")
    page.get_by_label("Verksamhetsområde").select_option(label="Förskola")
    page.get_by_label("Namn som visas med förslaget").fill("Nora")
    page.get_by_label("Din e-postadress").fill("nora@example.se")
    page.get_by_label("Jag har läst").check()
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("heading", name="Finns förslaget redan?").wait_for()
    page.get_by_role("button", name="Skicka förslaget").click()
    page.get_by_role("heading", name="Kolla din e-post").wait_for()
    proposal = Proposal.objects.get()
    assert proposal.status == Status.UNCONFIRMED

    # Confirm through the mailed link: a page with a button.
    page.goto(path_of(mailed_link(mail.outbox[-1])))
    page.get_by_role("button", name="Bekräfta förslaget").click()
    page.get_by_role("heading", name="Tack, förslaget är bekräftat").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == Status.AWAITING_MODERATION

    # Moderate in the admin.
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "pw")
    page.press("#id_password", "Enter")
    page.wait_for_url("**/admin/")
    page.goto("/admin/e-forslag/?status=awaiting_moderation")
    page.get_by_role("link", name="Lekplats vid Solrosens förskola").first.click()
    page.get_by_role("link", name="Publicera", exact=True).click()
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Förslaget är publicerat.").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == Status.OPEN

    # Vote, asking for news, and confirm through the mailed link.
    page.goto(f"/e-forslag/{proposal.pk}/")
    page.get_by_label("Din e-postadress").fill("Voter.One+x@gmail.com")
    page.get_by_label("Meddela mig när förslaget får ett beslut").check()
    page.get_by_role("button", name="Rösta med e-post").click()
    page.get_by_role("heading", name="Kolla din e-post").wait_for()
    page.goto(path_of(mailed_link(mail.outbox[-1])))
    page.get_by_role("button", name="Bekräfta min röst").click()
    page.get_by_role("heading", name="Tack för din röst").wait_for()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1

    # The period ends with enough votes; the committee answers in the admin.
    Proposal.objects.filter(pk=proposal.pk).update(threshold=1, closes_at=timezone.now())
    services.close_expired(now=timezone.now() + timedelta(seconds=1))
    page.goto(f"/admin/e-forslag/edit/{proposal.pk}/")
    page.get_by_role("link", name="Registrera nämndens svar").click()
    page.locator("#id_decision").select_option(label="Delvis bifallet")
    page.get_by_label("Nämndens svar").fill("Nämnden bygger om halva lekplatsen i vår.")
    page.get_by_role("button", name="Publicera svaret").click()
    page.get_by_text("Svaret är publicerat.").wait_for()

    # The answer is public, and the voter who asked was told. A fresh browser context, since
    # the admin asks an avatar service for pictures: only public pages must stay on our host.
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    public = context.new_page()
    watch = PageWatch(public)
    public.goto(f"/e-forslag/{proposal.pk}/")
    public.get_by_role("heading", name="Nämndens svar").wait_for()
    assert "halva lekplatsen" in public.content()
    assert any(
        m.to == ["Voter.One+x@gmail.com"] and "halva lekplatsen" in m.body for m in mail.outbox
    )
    assert not Vote.objects.exclude(email="").exists()
    assert watch.console_errors == []
    assert watch.hosts == {public.url.split("/")[2]}
    context.close()


def test_the_vote_traffic_tables_scroll_in_their_own_region_on_a_phone(
    page, live_server, moderator, make_proposal
):
    proposal = make_proposal()
    votes_from(
        proposal,
        3,
        "v",
        network="2001:db8:1234::/48",
        domain="kommunens-langa-doman-for-epost.example.se",
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/admin/login/")
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", "pw")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto("/admin/e-forslag/trafik/?dagar=30")
    # Nothing is cut off: each table scrolls in a region a keyboard reaches, named by the
    # table's caption.
    assert cut_off_on_screen(page) == []
    region = page.get_by_role("region", name="Röster per timme och e-postdomän")
    assert region.get_attribute("tabindex") == "0"
    assert region.locator("td", has_text="kommunens-langa-doman-for-epost.example.se").count()
    assert region.evaluate("r => r.getBoundingClientRect().right <= innerWidth")
    # Wider than the phone, it scrolls from the keyboard.
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    region.focus()
    region.press("ArrowRight")
    # Chromium scrolls smoothly: the region moves over a few frames.
    page.wait_for_function(
        "() => document.querySelector('[role=region][tabindex]:focus').scrollLeft > 0"
    )
