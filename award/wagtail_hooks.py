from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import AwardViewSetGroup, NominationPermissionPolicy
from .models import Nomination

register_permission_policy(Nomination, NominationPermissionPolicy(Nomination))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AwardViewSetGroup()


@hooks.register("register_log_actions")
def register_award_log_actions(actions):
    actions.register_action("award.shortlist", _("Finalist"), _("Enheten blev finalist"))
    actions.register_action("award.winner", _("Vinnare"), _("Juryn utsåg enheten till vinnare"))
