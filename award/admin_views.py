"""The jury's screens: nominations per year and category, one view per decision.

Guarded by the registered NominationPermissionPolicy: "view" and the decisions are
`award.judge_nomination`; nobody adds a nomination in the admin (they come from the form).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home.admin_views import ObjectScopedMixin, StateChangeView

from . import services
from .forms import MotivationForm
from .models import AwardRound, Nomination, Status


class NominationPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        if action in ("view", "change", "judge"):
            return super().user_has_permission(user, "judge")
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return self.model.objects.all()


class NominationIndexView(IndexView):
    def get_base_queryset(self):
        # Unconfirmed nominations may be spam or typos: the jury sees only confirmed ones.
        return super().get_base_queryset().confirmed().select_related("unit", "category", "round")

    def get_edit_url(self, instance):
        return reverse("award_nominations:edit", args=[instance.pk])


class NominationView(ObjectScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One nomination: the unit, the nominator's reason (never the address), the decisions."""

    model = Nomination
    template_name = "award/admin/nomination.html"
    header_icon = "trophy"

    def get_base_object_queryset(self):
        return super().get_base_object_queryset().confirmed()

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("award_nominations:index"), "label": _("Nomineringar")},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nomination = self.object
        context.update(
            nomination=nomination,
            others=Nomination.objects.confirmed()
            .filter(round_id=nomination.round_id, unit_id=nomination.unit_id)
            .exclude(pk=nomination.pk)
            .select_related("category"),
            can_shortlist=nomination.status == Status.CONFIRMED,
            can_choose=nomination.status == Status.SHORTLISTED,
        )
        return context


class NominationChangeView(StateChangeView):
    model = Nomination
    permission_required = "judge"
    object_url_name = "award_nominations:edit"
    index_url_name = "award_nominations:index"
    index_label = _("Nomineringar")
    header_icon = "trophy"


class ShortlistView(NominationChangeView):
    page_title = _("Gör till finalist")
    description = _("Enheten går vidare till juryns slutliga bedömning i kategorin.")
    success_message = _("Enheten är finalist.")

    def perform(self, form):
        services.shortlist(self.object, self.request.user)


class WinnerView(NominationChangeView):
    page_title = _("Utse till vinnare")
    description = _(
        "Enheten vinner kategorin. Motiveringen publiceras på prissidan och alla som "
        "nominerat i kategorin får ett mejl."
    )
    form_class = MotivationForm
    success_message = _("Vinnaren är utsedd och publicerad.")

    def perform(self, form):
        services.choose_winner(
            self.object, self.request.user, motivation=form.cleaned_data["motivation"]
        )


class NominationViewSet(ModelViewSet):
    model = Nomination
    icon = "trophy"
    menu_label = _("Nomineringar")
    url_prefix = "kvalitetspriset/nomineringar"
    name = "award_nominations"
    copy_view_enabled = False
    inspect_view_enabled = False
    pk_path_converter = "int"
    index_view_class = NominationIndexView
    edit_view_class = NominationView
    form_fields = ["motivation"]  # required by ModelViewSet; decisions go through their views
    list_filter = ["round", "category", "status"]
    list_display = [
        TitleColumn(
            "unit",
            label=_("Enhet"),
            accessor="unit.title",
            get_url=lambda nomination: reverse("award_nominations:edit", args=[nomination.pk]),
        ),
        Column("category", label=_("Kategori"), accessor="category.name"),
        Column("round", label=_("År"), accessor="round.year", sort_key="round__year"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("confirmed_at", label=_("Bekräftad"), sort_key="confirmed_at"),
    ]
    ordering = ["-round__year", "unit__title"]

    decision_views = [
        ("finalist/", ShortlistView, "shortlist"),
        ("vinnare/", WinnerView, "winner"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"<int:pk>/{route}", self.construct_view(view), name=name)
                for route, view, name in self.decision_views
            ),
        ]


class AwardRoundViewSet(ModelViewSet):
    model = AwardRound
    icon = "date"
    menu_label = _("Prisomgångar")
    url_prefix = "kvalitetspriset/omgangar"
    name = "award_rounds"
    copy_view_enabled = False
    inspect_view_enabled = False
    pk_path_converter = "int"
    list_display = ["year", "opens_on", "closes_on"]
    ordering = ["-year"]


class AwardViewSetGroup(ViewSetGroup):
    menu_label = _("Kvalitetspriset")
    menu_icon = "trophy"
    menu_order = 450
    items = (NominationViewSet, AwardRoundViewSet)
