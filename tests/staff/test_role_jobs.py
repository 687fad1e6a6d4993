"""Every staff role does its real job in Chromium, from the login form to the result.

The roles come from the role table (`staff.roles.ROLE_GROUPS`): a role added there without a
job here fails, both in `test_every_role_has_a_job` and in its own case of the job test. Each
job logs in through Wagtail's login form in its own browser context and clicks its way to the
result; the database is read only to check what the clicks did.

Set SCREENSHOT_DIR to keep a picture of each role's result (1280 px; 375 px for two of them).
"""

import datetime
import json
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from award.models import AwardCategory, AwardRound, Nomination
from award.models import Status as NominationStatus
from feedback.models import Dimension, Feedback, FeedbackEvent, Kind
from guarantees.followup.models import Outcome
from guarantees.models import GuaranteePage
from home.years import previous_year
from outbox.models import Message
from proposals.canonical import voter_hash
from proposals.models import Proposal, Status, VoteInvalidation
from staff import roles
from staff.models import NextVersion, Role, UnitAssignment
from tests.followup.conftest import make_follow_up

from .conftest import PASSWORD, make_staff

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
EXPECTED_STATUS = re.compile(r"^Failed to load resource: .* status of (400|410) ")

RESIDENT = {"name": "Anna Andersson", "email": "anna.andersson@example.se"}


def shoot(page, name, *, narrow=False):
    if not SCREENSHOTS:
        return
    page.screenshot(path=f"{SCREENSHOTS}/{name}-1280.png", full_page=True)
    if narrow:
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{SCREENSHOTS}/{name}-375.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")


def success(page):
    return page.locator(".messages .success")


def resident_case(world):
    case, _ = Feedback.receive(
        unit=world.own,
        kind=Kind.COMPLAINT,
        dimension=Dimension.TREATMENT,
        message="Ingen svarade när jag ringde om hämtningen.",
        wants_reply=True,
        **RESIDENT,
    )
    return case


def submitted(guarantee, editor, **changes):
    """What the editor's "Skicka till granskning" does, without the form (set-up only)."""
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)


def approved(guarantee, approver):
    """The committee's approval of the waiting task, as its button does (set-up only)."""
    page = GuaranteePage.objects.get(pk=guarantee.pk)
    page.current_workflow_task_state.approve(user=approver)


JOBS = {}


def job(role):
    def register(function):
        JOBS[role] = function
        return function

    return register


@job(roles.FEEDBACK_HANDLER)
def handler_replies_twice_and_both_letters_are_kept(page, world):
    case = resident_case(world)
    letters = [
        "Vi beklagar. Telefonen var felkopplad i tisdags och är lagad nu.",
        "Ett tillägg: du når oss också på 08-123 45 67 mellan 7 och 17.",
    ]
    log_in(page, world.users["handler"])
    props = json.loads(page.locator("#wagtail-sidebar-props").text_content())
    menu = json.dumps(props, ensure_ascii=False)
    assert "Mina ärenden" in menu and "Ej tilldelade" in menu  # the handler's default views
    page.get_by_role("link", name=case.reference).click()  # the dashboard's case panel
    for letter in letters:
        page.get_by_label("Svar till den som lämnat synpunkten").fill(letter)
        page.get_by_role("button", name="Förhandsgranska svaret").click()
        expect(page.locator(".state-change-preview")).to_contain_text(letter)
        page.get_by_role("button", name="Skicka svaret").click()
        expect(success(page)).to_contain_text("Svaret är sparat och skickas med e-post")

    # The handler sees who wrote (a unit editor does not, see below).
    expect(page.locator(".feedback-case")).to_contain_text(RESIDENT["name"])
    record = page.locator(".feedback-case-record")
    for letter in letters:
        expect(record).to_contain_text(letter)
    expect(record.get_by_text(f"Skickat till {RESIDENT['email']}")).to_have_count(2)
    replies = case.events.filter(kind=FeedbackEvent.Kind.REPLIED).order_by("at")
    assert [(e.text, e.recipient) for e in replies] == [(t, RESIDENT["email"]) for t in letters]
    # The outbox keeps each letter as it was sent, the first one not overwritten by the second.
    bodies = list(Message.objects.filter(to=RESIDENT["email"]).values_list("body", flat=True))
    assert [sum(letter in body for body in bodies) for letter in letters] == [1, 1]
    shoot(page, "handler-case-timeline", narrow=True)


def votes_from(proposal, network, count, at):
    for i in range(count):
        Proposal.record_vote(
            proposal.pk, voter_hash("epost", f"{network}-{proposal.pk}-{i}"), network=network
        )
    proposal.votes.filter(network=network).update(created_at=at)


@job(roles.PROPOSAL_MODERATOR)
def moderator_invalidates_restores_and_withdraws(page, world):
    from tests.proposals.conftest import build_proposal

    first = build_proposal(title="Belysning på gångvägen vid ån")
    second = build_proposal(title="Fler bänkar i parken")
    untouched = build_proposal(title="Längre öppettider på biblioteket")
    hour = timezone.now().replace(minute=10, second=0, microsecond=0) - datetime.timedelta(hours=2)
    votes_from(first, "203.0.113.0/24", 3, hour)
    votes_from(second, "203.0.113.0/24", 1, hour)
    votes_from(untouched, "198.51.100.0/24", 2, hour)
    waiting = build_proposal(
        status=Status.AWAITING_MODERATION, title="Skatepark vid Kvarnbyskolan", opens_at=None
    )

    log_in(page, world.users["moderator"])
    # The queue is the first thing on the dashboard, and leads to the proposal.
    queue = page.locator("section", has=page.get_by_role("heading", name="E-förslag att hantera"))
    expect(queue.get_by_text("I kön: ett e-förslag.")).to_be_visible()
    shoot(page, "moderator-dashboard", narrow=True)
    queue.get_by_role("link", name=waiting.title).click()
    expect(page).to_have_url(re.compile(rf"/admin/e-forslag/edit/{waiting.pk}/$"))
    page.goto("/admin/e-forslag/trafik/")
    # A mistyped proposal number is told at its field, not answered with all traffic.
    page.get_by_label("E-förslag (nummer, valfritt)").fill("999999")
    with page.expect_response(lambda r: "/trafik/" in r.url) as answer:
        page.get_by_role("button", name="Visa", exact=True).click()
    assert answer.value.status == 400
    expect(page.get_by_text("Det finns inget e-förslag med det numret.")).to_be_visible()
    expect(page.get_by_text("203.0.113.0/24")).to_have_count(0)
    shoot(page, "moderator-traffic-mistyped", narrow=True)
    page.get_by_label("E-förslag (nummer, valfritt)").fill(str(untouched.pk))
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(page.get_by_text("198.51.100.0/24").first).to_be_visible()
    expect(page.get_by_text("203.0.113.0/24")).to_have_count(0)
    page.goto("/admin/e-forslag/trafik/")
    networks = page.locator("table", has=page.get_by_text("203.0.113.0/24"))
    networks.locator("tr", has_text="203.0.113.0/24").get_by_role(
        "link", name="Granska och ogiltigförklara"
    ).click()
    # The preview: exactly these votes on exactly these proposals, nothing changed yet.
    expect(page.get_by_text("Urvalet innehåller 4 giltiga röster.")).to_be_visible()
    per_proposal = page.locator("table", has_text="Per e-förslag")
    expect(per_proposal.locator("tbody tr")).to_have_text(
        [f"{first.title} 3", f"{second.title} 1"], use_inner_text=True
    )
    expect(page.get_by_text(untouched.title)).to_have_count(0)
    assert Proposal.objects.get(pk=first.pk).vote_count == 3
    page.get_by_role("button", name="Ogiltigförklara rösterna").click()
    expect(page.get_by_text("Skriv varför rösterna ogiltigförklaras")).to_be_visible()
    page.get_by_label("Varför ogiltigförklaras rösterna?").fill("Samma nät inom samma minut.")
    page.get_by_role("button", name="Ogiltigförklara rösterna").click()
    expect(success(page)).to_contain_text("4 röster ogiltigförklarades")
    assert [p.vote_count for p in Proposal.objects.filter(pk__in=[first.pk, second.pk])] == [0, 0]

    # The audit list: the note, and the way back.
    row = page.locator("tr", has_text="Samma nät inom samma minut.")
    row.get_by_role("link", name="Återställ rösterna").click()
    page.get_by_role("button", name="Återställ rösterna").click()
    expect(success(page)).to_contain_text("Rösterna är återställda")
    assert VoteInvalidation.objects.get().restored_by == world.users["moderator"]
    counts = dict(Proposal.objects.values_list("pk", "vote_count"))
    assert (counts[first.pk], counts[second.pk], counts[untouched.pk]) == (3, 1, 2)
    shoot(page, "moderator-invalidations")

    # Withdraw a published proposal, with the reason the public page gives.
    page.goto(f"/admin/e-forslag/edit/{first.pk}/")
    page.get_by_role("link", name="Ta bort från webbplatsen").click()
    expect(page.get_by_text("Det går inte att ångra.")).to_be_visible()
    reason = "Förslaget pekar ut en namngiven anställd, vilket reglerna inte tillåter."
    page.get_by_label("Skäl, som visas på förslagets sida").fill(reason)
    page.get_by_role("button", name="Ta bort förslaget").click()
    expect(success(page)).to_contain_text("Förslaget är borttaget")
    assert Proposal.objects.get(pk=first.pk).status == Status.REMOVED

    public = page.goto(f"/e-forslag/{first.pk}/")
    assert public.status == 410
    main = page.locator("main")
    expect(main).to_contain_text("borttaget")
    expect(main).to_contain_text(reason)
    text = main.inner_text()
    assert first.title not in text and first.display_name not in text
    assert first.proposer_email not in page.content()
    shoot(page, "moderator-withdrawn-public-page", narrow=True)


@job(roles.UNIT_EDITOR)
def editor_corrects_the_live_guarantee_and_reads_a_case(page, world):
    editor, guarantee = world.users["editor"], world.own
    next_year = "Nästa år har vi öppet till klockan 18."
    submitted(
        guarantee,
        editor,
        idea=next_year,
        go_live_at=timezone.now() + datetime.timedelta(days=40),
    )
    approved(guarantee, world.users["approver"])
    held = NextVersion.objects.get(page=guarantee).revision
    case = resident_case(world)

    log_in(page, editor)
    page.goto(f"/admin/pages/{guarantee.pk}/edit/")
    expect(page.get_by_text("Låst av schema")).to_have_count(0)
    expect(page.locator("#id_idea")).to_have_value(guarantee.idea)  # this year's text
    page.fill("#id_phone", "08-765 43 21")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.get_by_text("inlämnad för moderering").wait_for()

    approved(guarantee, world.users["approver"])
    live = GuaranteePage.objects.get(pk=guarantee.pk)
    assert live.phone == "08-765 43 21" and live.idea == guarantee.idea
    assert NextVersion.objects.get(page=guarantee).revision == held  # next year still waits

    # The unit's case, read without the resident's name and address.
    page.goto(f"/admin/synpunkter/inkorg/{case.pk}/")
    expect(page.locator(".feedback-case")).to_contain_text(case.message)
    html = page.content()
    assert RESIDENT["name"] not in html and RESIDENT["email"] not in html
    expect(page.get_by_role("button", name="Förhandsgranska svaret")).to_have_count(0)
    shoot(page, "unit-editor-reads-case")


@job(roles.APPROVER)
def approver_approves_from_the_dashboard_queue(page, world):
    corrected = "Vi finns till för barnen, och svarar i telefon hela dagen."
    submitted(world.own, world.users["editor"], idea=corrected)

    log_in(page, world.users["approver"])
    queue = page.locator("section, .panel").filter(has_text=world.own.title).first
    row = queue.locator("tr", has_text=world.own.title)
    row.locator("[data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Godkänn", exact=True).click()
    expect(page.get_by_role("button", name="Godkänn", exact=True)).to_have_count(0)
    live = GuaranteePage.objects.get(pk=world.own.pk)
    assert live.idea == corrected and not live.has_unpublished_changes
    shoot(page, "approver-dashboard")


@job(roles.QUALITY_STAFF)
def quality_staff_open_the_yearly_report(page, world):
    unit = world.own
    year = previous_year()
    make_follow_up(unit, year=year, outcomes=[Outcome.MET, Outcome.NOT_MET])

    log_in(page, world.users["quality"])
    page.goto("/admin/kvalitetsrapport/")
    page.get_by_label("Nämnd").select_option(label=str(unit.committee))
    page.get_by_label("År").select_option(str(year))
    page.get_by_role("button", name="Visa rapport").click()
    report = page.locator(".admin-report")
    expect(report).to_contain_text(unit.title)
    expect(report).to_contain_text("Analys av")  # the not-met commitment's analysis
    shoot(page, "quality-yearly-report")


@job(roles.ADMINISTRATOR)
def administrator_adds_a_handler_and_assigns_a_unit(page, world):
    log_in(page, world.users["administrator"])
    page.goto("/admin/users/new/")
    expect(page.get_by_text(roles.UNIT_EDITOR_GROUP_PREFIX)).to_have_count(0)
    page.fill("#id_username", "hugo")
    page.fill("#id_email", "hugo@angsby.example")
    page.fill("#id_first_name", "Hugo")
    page.fill("#id_last_name", "Handläggare")
    page.fill("#id_password1", "ett-långt-lösenord-2026")
    page.fill("#id_password2", "ett-långt-lösenord-2026")
    page.locator("#tab-label-roles").click()
    page.get_by_label(roles.FEEDBACK_HANDLER).check()
    page.locator("form button[type=submit]").last.click()
    expect(success(page)).to_be_visible()
    hugo = get_user_model().objects.get(username="hugo")
    assert list(hugo.groups.values_list("name", flat=True)) == [roles.FEEDBACK_HANDLER]

    page.goto("/admin/tilldelningar/new/")
    page.select_option("#id_user", label="hugo")
    page.get_by_role("button", name="Välj en sida").click()
    chooser = page.locator(".modal")
    chooser.get_by_role("link", name=world.own_area.title, exact=True).click()
    expect(page.locator("[data-chooser-title]").first).to_have_text(world.own_area.title)
    page.select_option("#id_role", Role.HANDLER)
    page.locator("form button[type=submit]").last.click()
    expect(success(page)).to_be_visible()
    assert UnitAssignment.objects.filter(user=hugo, page=world.own_area, role=Role.HANDLER).exists()
    shoot(page, "administrator-assignments")


@job(roles.AWARD_JURY)
def jury_shortlists_and_chooses_a_winner(page, world):
    today = timezone.localdate()
    award_round = AwardRound.objects.create(
        year=today.year,
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=1),
        intro="Priset belönar enheter som lyssnat och förbättrat.",
    )
    category = AwardCategory.objects.create(round=award_round, name="Bästa bemötande")
    nomination = Nomination.objects.create(
        round=award_round,
        category=category,
        unit=world.own,
        reason="De lyssnade på oss föräldrar och ändrade inskolningen.",
        email="nina@example.se",
        email_canonical="nina@example.se",
        status=NominationStatus.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    jury = make_staff("juryn", roles.AWARD_JURY)

    log_in(page, jury)
    page.goto("/admin/kvalitetspriset/nomineringar/")
    page.get_by_role("link", name=world.own.title).click()
    expect(page.get_by_text("ändrade inskolningen")).to_be_visible()
    expect(page.get_by_text(nomination.email)).to_have_count(0)
    page.get_by_role("link", name="Gör till finalist").click()
    page.get_by_role("button", name="Gör till finalist").click()
    expect(success(page)).to_contain_text("Enheten är finalist")
    page.get_by_role("link", name="Utse till vinnare").click()
    page.get_by_label("Juryns motivering").fill("För ett lyhört arbete med inskolningen.")
    page.get_by_role("button", name="Utse till vinnare").click()
    expect(success(page)).to_contain_text("Vinnaren är utsedd")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WINNER
    shoot(page, "jury-winner")


@job(roles.TRANSLATOR)
def translator_sends_a_translation_to_the_committee_and_cannot_publish(page, world):
    from wagtail.models import Locale, WorkflowState
    from wagtail_localize.models import StringTranslation, Translation
    from wagtail_localize.operations import translate_object

    from home.languages import synchronise_locales
    from staff.setup import setup_roles

    synchronise_locales()
    setup_roles()  # the roles' permissions and the workflow on every language's home page
    translator = make_staff("olga", roles.TRANSLATOR)
    english = Locale.objects.get(language_code="en")
    # "Översätt": wagtail-localize's translation of the unit, started by the translator, and
    # the strings she typed in its editor.
    translate_object(world.own, [english], user=translator)
    translated = world.own.get_translation(english)
    translation = Translation.objects.get(
        source__object_id=world.own.translation_key, target_locale=english
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            defaults={"data": f"{segment.string.data} (in English)"},
        )

    log_in(page, translator)
    # The Swedish source is not hers to edit: Wagtail sends her back to the dashboard.
    page.goto(f"/admin/pages/{world.own.pk}/edit/")
    page.wait_for_url("**/admin/")
    # The translation is: wagtail-localize's editor, with no way to publish it herself.
    page.goto(f"/admin/pages/{translated.pk}/edit/")
    expect(page.get_by_text("Förskolan Solrosen (in English)").first).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Publicera"))).to_have_count(0)
    # Sent to the committee from the explorer, like a Swedish guarantee.
    page.goto(f"/admin/pages/{translated.get_parent().pk}/")
    row = page.locator("tr").filter(has_text=translated.title)
    row.get_by_role("button", name=re.compile("Fler alternativ|More options")).click()
    row.get_by_role("link", name="Skicka översättningen till granskning").click()
    page.get_by_role("button", name="Skicka till granskning").click()
    expect(success(page)).to_contain_text("är skickad till granskning")
    translated.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(translated.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == roles.TASK_NAME
    assert translated.get_latest_revision_as_object().title == "Förskolan Solrosen (in English)"
    assert translated.has_unpublished_changes  # the committee's approval publishes it
    shoot(page, "translator-sent")


def test_every_role_has_a_job():
    assert set(JOBS) == set(roles.ROLE_GROUPS)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", roles.ROLE_GROUPS)
def test_each_role_does_its_job_from_login_to_result(page, live_server, world, role):
    assert role in JOBS, f"{role} is in the role table but has no job in this file"
    assert Group.objects.filter(name=role).exists()
    JOBS[role](page, world)
    # A refused form (400) and a withdrawn proposal (410) are answers a job expects.
    errors = [e for e in page.watch.console_errors if not EXPECTED_STATUS.search(e)]
    assert not errors, errors
    assert page.watch.hosts == {live_server.url.split("//")[1]}
