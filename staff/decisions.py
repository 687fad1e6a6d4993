"""The committee's decision on a guarantee, as the editor and the approver hear of it.

The editor's letter. Wagtail mails whoever submitted a page when its workflow is approved or
sent back for changes, but by `send_mail` at once (not kept, not retried) and, on approval,
without the approver's comment. `connect()` answers both signals instead, with a letter through
the outbox (stored with the decision, delivered after commit, kept as sent) that carries the
approver's name and comment. It connects under Wagtail's own `dispatch_uid`s: staff is ready
before wagtail.admin, and Django keeps one receiver per uid and sender, so Wagtail's notifiers
are never connected and the editor gets one letter, not two. Wagtail's own rule for the
recipient stays: the submitter, unless they decided themselves, when active, with an address,
and with that kind of notice switched on in their account. A snippet's workflow (none has
one today) still gets Wagtail's own notice, called from ours.

The approver's message: `decision_message` is what the screen says after a decision, whichever
screen it was taken on (staff/urls.py).
"""

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin import signal_handlers as wagtail_notices
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from home.dates import STAFF_DATE
from home.resident_input import absolute_url
from outbox.mail import queue_mail

from .models import NextVersion

# Wagtail's own receivers (wagtail/admin/signal_handlers.py), taken by ours.
WAGTAIL_APPROVED_UID = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_UID = "workflow_state_rejected_email_notification"


def person(user):
    """A person as staff read them: the name, or the user name when no name is given."""
    if user is None:
        return _("någon")
    return user.get_full_name() or user.get_username()


def held_until(page, revision):
    """When next year's version approved in `revision` goes live, if it waits in its lane."""
    held = NextVersion.objects.filter(page=page, revision=revision).first()
    return held.go_live_at if held is not None else None


def _recipient(workflow_state, notification, decided_by):
    editor = workflow_state.requested_by
    if editor is None or editor == decided_by or not editor.is_active or not editor.email:
        return None
    if not getattr(UserProfile.get_for_user(editor), f"{notification}_notifications"):
        return None
    return editor


def _mail_the_editor(workflow_state, notification, subject, decided_by):
    editor = _recipient(workflow_state, notification, decided_by)
    if editor is None:
        return None
    page = workflow_state.content_object.specific
    task_state = workflow_state.current_task_state.specific
    go_live_at = held_until(page, task_state.revision) if notification == "approved" else None
    with translation.override(UserProfile.get_for_user(editor).get_preferred_language()):
        return queue_mail(
            editor.email,
            subject() % {"title": page.get_admin_display_title()},
            f"staff/mail/{notification}.txt",
            {
                "editor": person(editor),
                "approver": person(task_state.finished_by),
                "title": page.get_admin_display_title(),
                "comment": task_state.comment.strip(),
                "go_live": (
                    date_format(timezone.localtime(go_live_at), STAFF_DATE) if go_live_at else ""
                ),
                "page_url": page.full_url if page.live and not go_live_at else "",
                "edit_url": absolute_url(f"/admin/pages/{page.pk}/edit/"),
            },
        )


def mail_the_editor_approved(sender, instance, user=None, **kwargs):
    """`workflow_approved`: the guarantee is approved (and published or held)."""
    if not isinstance(instance.content_object, Page):  # a snippet: Wagtail's own notice
        return wagtail_notices.workflow_approval_email_notifier(instance, user=user)
    return _mail_the_editor(instance, "approved", lambda: _("Godkänd: %(title)s"), user)


def mail_the_editor_rejected(sender, instance, user=None, **kwargs):
    """`workflow_rejected`: the approver asked for changes."""
    if not isinstance(instance.content_object, Page):  # a snippet: Wagtail's own notice
        return wagtail_notices.workflow_rejection_email_notifier(instance, user=user)
    return _mail_the_editor(instance, "rejected", lambda: _("Ändringar begärs: %(title)s"), user)


def connect():
    workflow_approved.connect(
        mail_the_editor_approved, sender=WorkflowState, dispatch_uid=WAGTAIL_APPROVED_UID
    )
    workflow_rejected.connect(
        mail_the_editor_rejected, sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTED_UID
    )


def decision_message(task_state):
    """What the approver reads after deciding on `task_state` (approved or sent back)."""
    task_state.refresh_from_db()
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    values = {
        "title": page.get_admin_display_title(),
        "editor": person(workflow_state.requested_by),
    }
    if task_state.status == TaskState.STATUS_APPROVED:
        notification = "approved"
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            return _("Du har godkänt ”%(title)s”. Den går vidare till nästa steg.") % values
        go_live_at = held_until(page, task_state.revision)
        if go_live_at is not None:
            values["date"] = date_format(timezone.localtime(go_live_at), STAFF_DATE)
            message = _("Du har godkänt ”%(title)s”. Den publiceras %(date)s.")
        else:
            message = _("Du har godkänt ”%(title)s” och den är publicerad.")
    elif task_state.status == TaskState.STATUS_REJECTED:
        notification = "rejected"
        message = _("Du har begärt ändringar i ”%(title)s”.")
    else:
        return cancel_message(page)
    if _recipient(workflow_state, notification, task_state.finished_by) is not None:
        if task_state.comment.strip():
            message += " " + _("%(editor)s får ett mejl med din kommentar.")
        else:
            message += " " + _("%(editor)s får besked med e-post.")
    return message % values


def cancel_message(page):
    """What the screen says after a review was called off."""
    return _("Granskningen av ”%(title)s” är avbruten. Sidan är ett utkast igen.") % {
        "title": page.get_admin_display_title()
    }
