"""Wagtail's user screens, with the groups staff.sync derives kept out of an editor's hands.

A unit editor's per-unit group ("Redaktörer: <enhet>") follows from their unit assignments.
Offered as a checkbox in the user form it could be ticked by hand and would then be silently
overwritten by the next sync, or unticked and silently put back. So the form offers only the
role groups, and keeps whatever derived groups the user already has.
"""

from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .models import UnitEditorGroup


class RoleGroupsOnlyMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            derived = UnitEditorGroup.objects.values("group")
            self.fields["groups"].queryset = Group.objects.exclude(pk__in=derived).order_by("name")

    def _save_m2m(self):
        kept = []
        if self.instance.pk:
            kept = list(self.instance.groups.filter(pk__in=UnitEditorGroup.objects.values("group")))
        super()._save_m2m()
        if kept:
            self.instance.groups.add(*kept)


class StaffUserCreationForm(RoleGroupsOnlyMixin, UserCreationForm):
    pass


class StaffUserEditForm(RoleGroupsOnlyMixin, UserEditForm):
    pass


class StaffUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
