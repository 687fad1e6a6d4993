"""The registered apps in the Wagtail admin: issue a key (shown once), edit, revoke."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from home.admin_views import StateChangeView

from .models import ApiClient


class ApiClientCreateView(CreateView):
    """Saving a new app issues its key and shows it on the answer to the POST, once.

    No redirect: the key would otherwise have to wait in the session or a cookie.
    """

    issued_key = None

    def save_instance(self):
        self.issued_key = self.form.instance.new_key()
        return super().save_instance()

    def save_action(self):
        self.template_name = "open311/admin/key_issued.html"
        context = self.get_context_data(form=self.form, issued_key=self.issued_key)
        response = self.render_to_response(context)
        response["Cache-Control"] = "private, no-store"
        return response


class ApiClientIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Spärra nyckeln"),
                    url=reverse("open311_clients:revoke", args=[instance.pk]),
                    icon_name="lock",
                    priority=30,
                )
            )
        return buttons


class RevokeView(StateChangeView):
    model = ApiClient
    permission_required = "change"
    object_url_name = "open311_clients:edit"
    index_url_name = "open311_clients:index"
    index_label = _("Open311-appar")
    header_icon = "key"
    page_title = _("Spärra nyckeln")
    description = _(
        "Appen kan inte längre skicka ärenden. En spärrad nyckel kan inte öppnas igen; "
        "behöver appen fortsätta, registrera den på nytt och ge den en ny nyckel."
    )
    destructive = True
    success_message = _("Nyckeln är spärrad.")

    def perform(self, form):
        self.object.revoke(self.request.user)
        log(self.object, "open311.revoke", user=self.request.user)


def key_state(client):
    return _("Aktiv") if client.is_active else _("Spärrad")


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("Open311-appar")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    pk_path_converter = "int"
    add_view_class = ApiClientCreateView
    index_view_class = ApiClientIndexView
    form_fields = ["name", "contact", "requests_per_hour", "allowed_origins"]
    list_display = [
        "name",  # the title column, with the row's buttons (edit, revoke, delete)
        Column("key_prefix", label=_("Nyckeln börjar med")),
        StatusTagColumn(
            "state", label=_("Status"), accessor=key_state, primary=lambda c: c.is_active
        ),
        Column("requests_per_hour", label=_("Ärenden per timme")),
        DateColumn("created_at", label=_("Skapad")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/sparra/", self.construct_view(RevokeView), name="revoke"),
        ]
