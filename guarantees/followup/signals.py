"""Follow-ups kept in step with the guarantees they judge.

`page_published` fires after a page's children (its commitments) are saved, for a publish
from the admin, from a workflow or from code alike.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published

from .models import YearlyFollowUp


def keep_follow_ups_in_step(sender, instance, **kwargs):
    """A guarantee (or its area's, or the city's commitments) republished during the year:
    the drafts of the running year below it gain the commitments added and mark those
    removed (YearlyFollowUp.keep_in_step). A year that has ended keeps its rows."""
    today = timezone.localdate()
    drafts = YearlyFollowUp.objects.filter(
        is_published=False, year__gte=today.year, unit__path__startswith=instance.path
    )
    for pk in drafts.values_list("pk", flat=True):
        with transaction.atomic():
            follow_up = YearlyFollowUp.objects.select_for_update().select_related("unit").get(pk=pk)
            follow_up.keep_in_step(today)


def connect():
    page_published.connect(keep_follow_ups_in_step, dispatch_uid="followup_keep_in_step")
