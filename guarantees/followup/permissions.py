"""Who may do what with follow-ups: the unit's editor enters, quality staff review and publish.

Django's model permissions say what a role may do at all (staff/roles.py); this policy narrows
the instances. Whoever holds "publish" (followup.publish_yearlyfollowup: quality staff,
administrators) sees and changes every unit's follow-ups. Everyone else sees only the units
that the `follow_up_units_for_user` hook gives them (`fn(user) -> GuaranteePage queryset`;
staff registers the units a user edits, since this room may not import staff), and changes a
follow-up only while it is unpublished: a published one is the municipality's record.
"""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy

from guarantees.models import GuaranteePage

UNITS_HOOK = "follow_up_units_for_user"


class FollowUpPermissionPolicy(ModelPermissionPolicy):
    def reviews_every_unit(self, user):
        return user.is_active and (user.is_superuser or self.user_has_permission(user, "publish"))

    def units_for(self, user):
        """The units whose follow-ups `user` may enter."""
        if self.reviews_every_unit(user):
            return GuaranteePage.objects.in_source_language()
        units = GuaranteePage.objects.none()
        for units_of in hooks.get_hooks(UNITS_HOOK):
            units = units | units_of(user)
        return units

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        follow_ups = self.model.objects.all()
        if not self.user_has_permission(user, action):
            return follow_ups.none()
        if action == "delete":
            # Once published, a follow-up is the municipality's record: nobody deletes it,
            # not even its reviewers; it can be taken down and corrected.
            follow_ups = follow_ups.filter(published_at__isnull=True)
        if self.reviews_every_unit(user):
            return follow_ups
        follow_ups = follow_ups.filter(unit__in=self.units_for(user))
        if action != "view":
            follow_ups = follow_ups.filter(is_published=False)
        return follow_ups

    def instances_user_has_any_permission_for(self, user, actions):
        follow_ups = self.model.objects.none()
        for action in actions:
            follow_ups = follow_ups | self.instances_user_has_permission_for(user, action)
        return follow_ups

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )
