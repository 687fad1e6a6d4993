"""Unit editors may add examples under the listing page; the unit decides which they edit."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from staff.roles import UNIT_EDITOR, UNIT_EDITOR_PAGE_PERMISSIONS


def grant_on(index_page):
    """Give the unit editors' role group add and change (never publish) on a listing page;
    GoodExamplePage.permissions_for_user narrows "change" to the examples of their units."""
    group = Group.objects.filter(name=UNIT_EDITOR).first()
    if group is None:  # before the first setup_roles; the next migrate grants it
        return
    for action in UNIT_EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=index_page, permission=permission
        )


def grant_unit_editors(sender, instance, created=False, raw=False, **kwargs):
    """post_save of a listing page: a new one is open to unit editors at once."""
    if created and not raw:
        grant_on(instance)


def grant_after_migrate(sender, **kwargs):
    """After the last app's migrations (when staff.setup has made the groups, as for a page
    that was created before them)."""
    if sender is not list(apps.get_app_configs())[-1]:
        return
    from .models import GoodExampleIndexPage

    for index_page in GoodExampleIndexPage.objects.all():
        grant_on(index_page)
