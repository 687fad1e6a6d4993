"""What a change in guarantees alters on the cached site (home/frontend_cache.py, the helper).

An area's commitments stand on every guarantee of the area, so publishing the area purges
them all, and the area's comparison (`jamfor/`). Wagtail itself purges the area page.
"""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from home import fragments
from home.frontend_cache import purge_after_commit

from . import history


def area_changed_urls(area):
    """The pages to purge when `area` changes: its guarantees (live or not: an unpublished
    one may still be cached under its old URL) and its comparison."""
    from .models import GuaranteePage

    return {
        "pages": lambda: GuaranteePage.objects.descendant_of(area).live(),
        "urls": [area.get_full_url().rstrip("/") + "/jamfor/"] if area.get_full_url() else [],
    }


def _area_published(sender, instance, **kwargs):
    purge_after_commit(**area_changed_urls(instance))


def _guarantee_published(sender, instance, **kwargs):
    # Its public history is compared once, now, not by the views (guarantees/history.py).
    if instance.live:
        transaction.on_commit(partial(history.warm, instance.pk))
    # The area lists its units; the comparison shows this unit's commitments.
    area = instance.get_parent()
    if area is not None:
        area_url = area.get_full_url()
        if area_url:
            purge_after_commit(urls=[area_url, area_url.rstrip("/") + "/jamfor/"])


def _committee_changed(sender, instance, **kwargs):
    # A committee's name stands on its guarantees ("Beslutad av") and their report links.
    fragments.changed()


def _district_changed(sender, instance, **kwargs):
    # Every area page draws the districts' map and offers them in its district choice.
    from .models import ServiceAreaPage

    purge_after_commit(pages=lambda: ServiceAreaPage.objects.live())


def connect():
    from django.db.models.signals import post_delete, post_save

    from .models import Committee, District, GuaranteePage, ServiceAreaPage

    for signal in (post_save, post_delete):
        signal.connect(_committee_changed, sender=Committee, dispatch_uid="fragments-committee")
        signal.connect(_district_changed, sender=District, dispatch_uid="purge-district")

    for signal in (page_published, page_unpublished):
        signal.connect(_area_published, sender=ServiceAreaPage)
        signal.connect(_guarantee_published, sender=GuaranteePage)
