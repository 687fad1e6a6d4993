from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import ApiClientViewSet

api_client_viewset = ApiClientViewSet("open311_clients", url_prefix="open311/appar")


@hooks.register("register_admin_viewset")
def register_api_client_viewset():
    return api_client_viewset


@hooks.register("register_log_actions")
def register_open311_log_actions(actions):
    actions.register_action("open311.revoke", _("Spärrad"), _("Appens API-nyckel spärrades"))
