"""Per-unit page permissions, derived from the editor assignments.

Design: Wagtail grants page permissions to groups (GroupPagePermission), and Wagtail 8 has no
setting to swap its page permission policy. So `UnitAssignment` stays the one source of truth
and every page that has editors gets its own derived group "Redaktörer: <page title>" with
"add" and "change" (never "publish") on that page. Assigned to a service area, an editor may
add guarantees under it and edit them all; assigned to a guarantee, only that one. Saving or
deleting an assignment re-derives the group of the page(s) it touches; a page without
editors loses its group. Administrators never edit these groups by hand: they assign users
to units in "Tilldelningar".
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import GroupPagePermission, Page

from .models import Role, UnitAssignment, UnitEditorGroup
from .roles import (
    FEEDBACK_HANDLER,
    UNIT_EDITOR,
    UNIT_EDITOR_GROUP_PREFIX,
    UNIT_EDITOR_PAGE_PERMISSIONS,
)

ROLE_GROUP = {Role.EDITOR: UNIT_EDITOR, Role.HANDLER: FEEDBACK_HANDLER}
NAME_LENGTH = Group._meta.get_field("name").max_length


def _group_name(page, group=None):
    name = f"{UNIT_EDITOR_GROUP_PREFIX}{page.title}"[:NAME_LENGTH]
    taken = Group.objects.filter(name=name)
    if group is not None:
        taken = taken.exclude(pk=group.pk)
    if taken.exists():  # two units with the same title
        suffix = f" (sida {page.pk})"
        name = name[: NAME_LENGTH - len(suffix)] + suffix
    return name


def sync_unit_editors(page_id):
    """Make the page's editor group match the page's editor assignments."""
    link = UnitEditorGroup.objects.filter(page_id=page_id).select_related("group").first()
    editors = get_user_model().objects.filter(
        unit_assignments__page_id=page_id, unit_assignments__role=Role.EDITOR
    )
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not editors.exists():
        if link is not None:
            link.group.delete()
        return None

    if link is None:
        group = Group.objects.create(name=_group_name(page))
        link = UnitEditorGroup.objects.create(page=page, group=group)
    group = link.group
    name = _group_name(page, group)
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    for codename in UNIT_EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{codename}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    GroupPagePermission.objects.filter(group=group).exclude(
        page=page, permission__codename__in=[f"{c}_page" for c in UNIT_EDITOR_PAGE_PERMISSIONS]
    ).delete()
    group.user_set.set(editors.distinct())
    return group


def _remember_previous_page(sender, instance, **kwargs):
    instance._previous_page_id = (
        UnitAssignment.objects.filter(pk=instance.pk).values_list("page_id", flat=True).first()
        if instance.pk
        else None
    )


def _assignment_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_previous_page_id", None)
    if previous and previous != instance.page_id:
        sync_unit_editors(previous)
    sync_unit_editors(instance.page_id)
    # Being assigned a role at a unit makes one a member of that role's group, which gives
    # access to the admin; leaving the last unit does not remove it (an administrator may have
    # added the person to the group for other reasons).
    group = Group.objects.filter(name=ROLE_GROUP[instance.role]).first()
    if group is not None:
        group.user_set.add(instance.user_id)


def _assignment_deleted(sender, instance, **kwargs):
    sync_unit_editors(instance.page_id)


def _unit_group_link_deleted(sender, instance, **kwargs):
    Group.objects.filter(pk=instance.group_id).delete()


def connect():
    pre_save.connect(_remember_previous_page, sender=UnitAssignment, dispatch_uid="staff_pre")
    post_save.connect(_assignment_saved, sender=UnitAssignment, dispatch_uid="staff_saved")
    post_delete.connect(_assignment_deleted, sender=UnitAssignment, dispatch_uid="staff_deleted")
    post_delete.connect(
        _unit_group_link_deleted, sender=UnitEditorGroup, dispatch_uid="staff_link_deleted"
    )
