from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import ApiClientViewSet
from .models import RequestLocation

api_client_viewset = ApiClientViewSet("open311_clients", url_prefix="open311/appar")


@hooks.register("register_admin_viewset")
def register_api_client_viewset():
    return api_client_viewset


@hooks.register("register_log_actions")
def register_open311_log_actions(actions):
    actions.register_action("open311.revoke", _("Spärrad"), _("Appens API-nyckel spärrades"))


@hooks.register("feedback_case_details")
def case_location(context):
    """Where an app said the case is about: for those who may see who sent it."""
    case = context.get("case")
    if case is None or not context.get("show_sender"):
        return ""
    location = RequestLocation.objects.filter(case=case).select_related("client").first()
    if location is None:
        return ""
    return render_to_string("open311/admin/case_location.html", {"location": location})
