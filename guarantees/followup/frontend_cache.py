"""What a follow-up alters on the cached site (home/frontend_cache.py, the helper): the
unit's guarantee ("Så gick det"), its area (the link to the latest report) and the area's
comparison, and the committee's yearly report."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from home.frontend_cache import purge_after_commit


def follow_up_urls(follow_up):
    unit = follow_up.unit
    urls = []
    area = unit.get_parent()
    area_url = area.get_full_url() if area is not None else None
    if area_url:
        urls.append(area_url.rstrip("/") + "/jamfor/")
    paths = [reverse("followup:report_index")]
    if unit.committee_id:
        args = [unit.committee_id, follow_up.year]
        paths += [
            reverse("followup:public_report", args=args),
            reverse("followup:public_report_csv", args=args),
        ]
    pages = [unit] if area is None else [unit, area]
    return {"pages": pages, "urls": urls, "paths": paths}


def _follow_up_changed(sender, instance, **kwargs):
    # A draft is shown nowhere; a published one, or one just unpublished, is.
    if instance.is_published or kwargs.get("signal") is post_delete or not kwargs.get("created"):
        purge_after_commit(**follow_up_urls(instance))


def connect():
    from .models import YearlyFollowUp

    post_save.connect(_follow_up_changed, sender=YearlyFollowUp, dispatch_uid="purge-follow-up")
    post_delete.connect(_follow_up_changed, sender=YearlyFollowUp, dispatch_uid="purge-follow-up")
