"""The yearly cycle without lock-out: next year's guarantee waits in its own lane.

Wagtail schedules a revision by setting `Revision.approved_go_live_at`. For a live page that
has two costs a municipality cannot accept: the page is locked by the schedule
(`ScheduledForPublishLock`, "Låst av schema") until the start date, and publishing any other
revision (a corrected phone number) clears the schedule. It is also the page's latest
revision, so an editor who opened the page to correct this year's version would be editing
next year's.

So when Wagtail has just scheduled a revision of a live guarantee (after the committee's
approval, or an administrator's publish with a go-live date), `hold_scheduled_revision` moves
it into `NextVersion`: the schedule is taken off the revision (no lock, nothing for a later
publish to clear) and the page's draft becomes the live content again, so corrections go
through the ordinary edit → approval → publish path. `publish_due` (the
`publish_next_versions` command, run by cron beside `publish_scheduled`) publishes a held
revision once its start date has come, and makes it the draft that editors continue from.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from guarantees.models import GuaranteePage
from home.dates import STAFF_DATE

from .models import NextVersion

# How staff screens write a date: "tis 25 nov 2026" (home/dates.py, the one place it is said).
DATE = STAFF_DATE


def hold_scheduled_revision(page, user=None):
    """Take a live guarantee's freshly scheduled revision into the next-version lane.

    Returns the NextVersion, or None when there was nothing to hold (not a guarantee, not
    live, or nothing scheduled).
    """
    page = page.specific
    if not isinstance(page, GuaranteePage) or not page.live or page.live_revision_id is None:
        return None
    with transaction.atomic():
        revision = (
            Revision.page_revisions.filter(
                object_id=str(page.pk), approved_go_live_at__isnull=False
            )
            .exclude(pk=page.live_revision_id)
            .order_by("-created_at", "-id")
            .first()
        )
        if revision is None:
            return None
        held, _ = NextVersion.objects.update_or_create(
            page=page,
            defaults={
                "revision": revision,
                "go_live_at": revision.approved_go_live_at,
                "approved_by": user,
            },
        )
        # A queryset update: Revision.save() would log it as a cancelled schedule.
        Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        # The draft is this year's live content again: that is what a correction starts from.
        live = page.live_revision.as_object()
        live.save_revision(user=user, changed=False, clean=False)
        Page.objects.filter(pk=page.pk).update(has_unpublished_changes=False)
    return held


def hold_after_approval(sender, instance, user=None, **kwargs):
    """`workflow_approved`: the committee approved a version with a future start date."""
    if isinstance(instance.content_object, Page):
        hold_scheduled_revision(instance.content_object, user=user)


def publish_due(now=None):
    """Publish every held version whose start date has come. Returns how many went live."""
    now = now or timezone.now()
    published = 0
    for held_id in NextVersion.objects.filter(go_live_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            held = (
                NextVersion.objects.select_for_update()
                .select_related("revision")
                .filter(pk=held_id)
                .first()
            )
            if held is None:  # published by a parallel run
                continue
            revision = held.revision
            revision.publish(user=held.approved_by, log_action=True)
            # Next year's version is now this year's: editors continue from it.
            Page.objects.filter(pk=held.page_id).update(
                latest_revision=revision, has_unpublished_changes=False
            )
            held.delete()
            published += 1
    return published


def renewal_status(page, held=None, in_review=False):
    """What the renewals panel says about next year's version of a live guarantee."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    if held is not None:
        when = date_format(timezone.localtime(held.go_live_at), DATE)
        return "scheduled", _("Godkänd, publiceras %(date)s") % {"date": when}
    if in_review:
        return "review", _("Under granskning")
    return "missing", _("Saknas")
