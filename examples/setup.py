"""Unit editors may add examples under the listing page; the unit decides which they edit."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from staff.roles import UNIT_EDITOR, UNIT_EDITOR_PAGE_PERMISSIONS


def grant_unit_editors(sender, instance, created=False, raw=False, **kwargs):
    """Give the unit editors' role group add and change (never publish) on a listing page;
    GoodExamplePage.permissions_for_user narrows "change" to the examples of their units."""
    if raw or not created:
        return
    group = Group.objects.filter(name=UNIT_EDITOR).first()
    if group is None:
        return
    for action in UNIT_EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)
