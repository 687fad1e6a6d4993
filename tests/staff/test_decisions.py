"""The committee's decisions: the editor's letter with the approver's comment, a message after
each decision, a decision from the compare view, one primary action per role in the footer,
the review queue oldest first."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from outbox.models import Message
from staff import roles
from tests.factories import make_guarantee

from .conftest import PEOPLE, make_staff
from .test_workflow import edit_form_data, submit_for_approval

pytestmark = pytest.mark.django_db

COMMENT = "Bra! Lägg gärna till telefontiden i kontaktuppgifterna nästa gång."
CHANGES = "Åtagande två saknar ett mätbart förväntat resultat."


def decide(client, page, action, comment="", **extra):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment, **extra})


def decide_in_footer(client, page, action, comment=""):
    """A decision as the editor's footer takes it: the edit form, with the action's data."""
    data = edit_form_data(client, page)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def messages_after(response):
    """The messages a response left for the next page, without their buttons."""
    return [
        str(message).split("<span", 1)[0].strip() for message in get_messages(response.wsgi_request)
    ]


@pytest.fixture
def in_review(client, world):
    client.force_login(world.users["editor"])
    page = submit_for_approval(client, world.own, idea="Varje barn får en trygg dag hos oss.")
    client.get("/admin/")  # the editor reads the message of the submission
    world.users["editor"].first_name, world.users["editor"].last_name = "Eva", "Redaktör"
    world.users["editor"].save()
    world.users["approver"].first_name, world.users["approver"].last_name = "Göran", "Granskare"
    world.users["approver"].save()
    client.force_login(world.users["approver"])
    return page


# The editor's letter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "comment", "subject", "says"),
    [
        ("approve", COMMENT, "Godkänd: Förskolan Solrosen", "Den är nu publicerad."),
        ("reject", CHANGES, "Ändringar begärs: Förskolan Solrosen", "har begärt ändringar"),
    ],
)
def test_the_editor_is_mailed_the_approvers_comment_through_the_outbox(
    client, world, in_review, django_capture_on_commit_callbacks, action, comment, subject, says
):
    editor = world.users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, in_review, action, comment)

    letter = Message.objects.get(to=editor.email)
    assert letter.subject == subject
    assert "Hej Eva Redaktör!" in letter.body
    assert says in letter.body
    assert f"Kommentar från Göran Granskare:\n{comment}" in letter.body
    assert f"/admin/pages/{in_review.pk}/edit/" in letter.body
    assert letter.sent_at is not None  # delivered, and kept as sent
    # One letter: Wagtail's own notice (sent at once, never kept) is not sent beside it.
    assert [sent.body for sent in mail.outbox if sent.to == [editor.email]] == [letter.body]


def test_wagtails_own_notices_of_a_decision_are_replaced_by_the_outboxs(world):
    from staff.decisions import mail_the_editor_approved, mail_the_editor_rejected

    approved = workflow_approved._live_receivers(WorkflowState)
    rejected = workflow_rejected._live_receivers(WorkflowState)
    receivers = [*approved[0], *approved[1], *rejected[0], *rejected[1]]
    assert mail_the_editor_approved in receivers
    assert mail_the_editor_rejected in receivers
    assert not [r for r in receivers if type(r).__module__.startswith("wagtail.admin")]


def test_an_editor_who_switched_the_notice_off_gets_no_letter(
    client, world, in_review, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(world.users["editor"])
    profile.approved_notifications = False
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, in_review, "approve", COMMENT)
    assert not Message.objects.filter(to=world.users["editor"].email).exists()
    assert not [sent for sent in mail.outbox if sent.to == [world.users["editor"].email]]
    # The approver is not told of a letter that was not sent.
    assert messages_after(response) == [
        "Du har godkänt ”Förskolan Solrosen” och den är publicerad."
    ]


def test_the_letter_says_when_next_years_approved_version_goes_live(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["editor"])
    page = submit_for_approval(
        client, world.own, idea="Nästa års idé.", go_live_at="2027-01-01 00:00"
    )
    client.force_login(world.users["approver"])
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, page, "approve", COMMENT)
    letter = Message.objects.get(to=world.users["editor"].email)
    assert "Den nya versionen publiceras fre 1 jan 2027." in letter.body
    assert "Den publiceras fre 1 jan 2027." in " ".join(messages_after(response))


# A message after each decision -------------------------------------------------------------


@pytest.mark.parametrize("where", ["queue or compare view", "footer"])
@pytest.mark.parametrize(
    ("action", "comment", "message"),
    [
        (
            "approve",
            COMMENT,
            "Du har godkänt ”Förskolan Solrosen” och den är publicerad. "
            "Eva Redaktör får ett mejl med din kommentar.",
        ),
        (
            "approve",
            "",
            "Du har godkänt ”Förskolan Solrosen” och den är publicerad. "
            "Eva Redaktör får besked med e-post.",
        ),
        (
            "reject",
            CHANGES,
            "Du har begärt ändringar i ”Förskolan Solrosen”. "
            "Eva Redaktör får ett mejl med din kommentar.",
        ),
    ],
)
def test_each_decision_is_confirmed_by_a_message(
    client, in_review, where, action, comment, message
):
    if where == "footer":
        response = decide_in_footer(client, in_review, action, comment)
    else:
        response = decide(client, in_review, action, comment)
    assert response.status_code == 302
    assert messages_after(response) == [message]


def test_calling_off_a_review_is_confirmed_by_a_message(client, world, in_review):
    client.force_login(world.users["editor"])
    data = edit_form_data(client, in_review)
    data["action-cancel-workflow"] = "1"
    response = client.post(f"/admin/pages/{in_review.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{in_review.pk}/edit/"
    assert messages_after(response) == [
        "Granskningen av ”Förskolan Solrosen” är avbruten. Sidan är ett utkast igen."
    ]
    assert in_review.current_workflow_state is None


def test_the_message_is_shown_on_the_page_the_approver_comes_back_to(client, in_review):
    response = decide(client, in_review, "approve", COMMENT, next="/admin/")
    assert response["Location"] == "/admin/"
    html = client.get("/admin/").content.decode()
    assert "Du har godkänt ”Förskolan Solrosen” och den är publicerad." in html


# The compare view --------------------------------------------------------------------------


def compare(client, page):
    return client.get(f"/admin/pages/{page.pk}/revisions/compare/live...latest/")


def test_the_approver_decides_from_the_compare_view(client, world, in_review):
    response = compare(client, in_review)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one(".staff-decision form")
    task_state = in_review.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(in_review.pk, "approve", task_state.pk)
    )
    reject_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(in_review.pk, "reject", task_state.pk)
    )
    assert form["action"] == approve_url and form["method"] == "post"
    buttons = {button.get_text(strip=True): button.get("formaction") for button in form("button")}
    assert buttons == {"Godkänn och publicera": None, "Begär ändringar": reject_url}
    label = soup.find("label", attrs={"for": "id_decision_comment"})
    assert label.get_text(strip=True) == "Kommentar till redaktören"
    assert form.find("textarea", attrs={"name": "comment"})["id"] == "id_decision_comment"
    assert "Skickad till granskning av Eva Redaktör" in form.parent.get_text(" ", strip=True)

    # Posting the form as the browser does (the approve button: the form's own action).
    response = client.post(
        approve_url,
        {"comment": COMMENT, "next": form.find("input", attrs={"name": "next"})["value"]},
    )
    assert response["Location"] == reverse("wagtailadmin_home")
    in_review.refresh_from_db()
    assert in_review.live and in_review.idea == "Varje barn får en trygg dag hos oss."
    assert TaskState.objects.get(pk=task_state.pk).comment == COMMENT


@pytest.mark.parametrize("person", ["editor", "administrator"])
def test_only_who_decides_is_offered_the_decision_in_the_compare_view(
    client, world, in_review, person
):
    client.force_login(world.users[person])
    response = compare(client, in_review)
    assert response.status_code == 200
    assert b"staff-decision" not in response.content


def test_no_decision_is_offered_once_the_page_is_decided(client, in_review):
    assert b"staff-decision" in compare(client, in_review).content
    decide(client, in_review, "approve")
    response = compare(client, in_review)
    assert response.status_code == 200  # the committee may publish, so it may compare
    assert b"staff-decision" not in response.content


# One primary action per role in the footer ------------------------------------------------


def action_name(element):
    if element.get("name"):
        return element["name"]
    if element.get("data-workflow-action-name"):
        name = element["data-workflow-action-name"]
        with_comment = name == "approve" and element.get("data-workflow-action-modal-url")
        return f"{name} (kommentar)" if with_comment else name
    if element.has_attr("disabled"):
        return "action-page-locked"
    if "action-save" in element.get("class", []):
        return "action-save-draft"
    return element.get("href", element.get_text(strip=True))


def footer(html):
    """(the primary action, the other actions) of the edit footer."""
    nav = BeautifulSoup(html, "html.parser").select_one("footer nav.actions--primary")
    wrapper = nav.select_one(".w-dropdown-button")
    if wrapper is None:
        return action_name(nav.find(["button", "a"])), []
    primary = wrapper.find(["button", "a"], recursive=False)
    others = nav.select(".w-dropdown__content > button, .w-dropdown__content > a")
    return action_name(primary), [action_name(other) for other in others]


def deciding_groups():
    """The groups the committee's task waits for, as setup_roles made it."""
    task = GroupApprovalTask.objects.get(name=roles.TASK_NAME)
    return set(task.groups.values_list("name", flat=True))


def expected_primary(group, in_review):
    """The one primary action the role table gives `group` on its own unit's guarantee, or
    None when the group cannot open the editor."""
    page_permissions = set(roles.PAGE_PERMISSIONS.get(group, []))
    if group == roles.UNIT_EDITOR:  # on the units assigned to them (staff.sync)
        page_permissions |= set(roles.UNIT_EDITOR_PAGE_PERMISSIONS)
    can_edit = "change" in page_permissions
    if in_review:
        if group in deciding_groups():
            return "approve"
        return "action-page-locked" if can_edit else None
    if not can_edit:
        return None
    return "action-publish" if "publish" in page_permissions else "action-submit"


def member_of(world, group):
    """The world's person in `group` (the editor has the guarantee's unit), or a new one."""
    for person, group_name in PEOPLE.items():
        if group_name == group:
            return world.users[person]
    return make_staff(f"ledamot-{roles.ROLE_GROUPS.index(group)}", group)


@pytest.mark.parametrize("in_review_now", [False, True], ids=["draft", "in review"])
@pytest.mark.parametrize("group", roles.ROLE_GROUPS)
def test_the_footer_has_one_primary_action_for_each_role(client, world, group, in_review_now):
    page = world.own
    if in_review_now:
        client.force_login(world.users["editor"])
        page = submit_for_approval(client, page, idea="Väntar på nämnden.")
    client.force_login(member_of(world, group))

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    expected = expected_primary(group, in_review_now)
    if expected is None:
        assert response.status_code != 200
        return
    assert response.status_code == 200
    primary, others = footer(response.content.decode())
    assert primary == expected
    assert expected not in others
    if "publish" not in roles.PAGE_PERMISSIONS.get(group, []) or expected == "approve":
        # Publishing goes through the committee's decision for this reader now.
        assert "action-publish" not in others
    if expected == "approve":
        assert {"reject", "approve (kommentar)", "action-save-draft"} <= set(others)


def test_the_approvers_footer_reads_as_swedish_sentences(client, in_review):
    html = client.get(f"/admin/pages/{in_review.pk}/edit/").content.decode()
    nav = BeautifulSoup(html, "html.parser").select_one("footer nav.actions--primary")
    labels = [
        button.get_text(" ", strip=True) for button in nav("button") if button.get_text(strip=True)
    ]
    assert labels[0] == "Godkänn och publicera"
    assert "Godkänn med kommentar och publicera" in labels
    assert not [label for label in labels if "Publicera" in label]


# The review queue on the dashboard ---------------------------------------------------------


def test_the_review_queue_lists_the_longest_waiting_first(client, world):
    client.force_login(world.users["editor"])
    second = make_guarantee(world.own_area, title="Förskolan Vitsippan")
    titles = ["Förskolan Vitsippan", "Förskolan Solrosen"]  # submitted in this order
    for page in (second, world.own):
        submit_for_approval(client, page, idea=f"Ny idé för {page.title}.")
    # Started in the opposite order to the ids, so that neither gives the order by chance.
    for days, title in enumerate(titles):
        TaskState.objects.filter(
            workflow_state__object_id=str(
                world.own.pk if title == "Förskolan Solrosen" else second.pk
            )
        ).update(started_at=world.own.first_published_at - datetime.timedelta(days=10 - days))
    client.force_login(world.users["approver"])
    html = client.get("/admin/").content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one(
        "#awaiting-review-content, #awaiting-review"
    )
    text = panel.get_text(" ", strip=True)
    positions = {title: text.index(title) for title in titles}
    assert sorted(titles, key=positions.get) == titles


def test_the_role_table_names_the_committee_as_the_task_that_decides(world):
    assert deciding_groups() == {roles.APPROVER}
    assert Group.objects.filter(name=roles.APPROVER).exists()
