"""The handlers' inbox in the Wagtail admin: every lookup goes through the user's units."""

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from guarantees.models import GuaranteePage
from staff.models import Role, units_for

from . import services
from .compilation import Compilation, csv_response, parse_period
from .forms import ActionForm, AssignForm, ReplyForm
from .models import OPEN_STATUSES, Dimension, Feedback, Kind, Status, TransitionError


def visible_units(user):
    """Units whose cases a user may read: those they handle and those they edit."""
    return units_for(user, Role.HANDLER) | units_for(user, Role.EDITOR)


def scoped_feedback(user, action="view"):
    """The cases a user may see ("view": handlers and the unit's editors) or handle (any
    other action: the unit's handlers only). Superusers: all."""
    qs = Feedback.objects.select_related("unit", "handler", "commitment")
    if user.is_superuser:
        return qs
    units = visible_units(user) if action == "view" else units_for(user, Role.HANDLER)
    return qs.filter(unit__in=units)


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the user's units for every instance."""

    def user_has_permission(self, user, action):
        # Cases come from residents through the public form, never from the admin.
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            scoped_feedback(user, action).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Feedback.objects.none()
        return scoped_feedback(user, action)


class ScopedListingMixin:
    def get_base_queryset(self):
        return scoped_feedback(self.request.user)


class ScopedObjectMixin:
    """Single-object views: SingleObjectMixin uses get_queryset, BaseObjectMixin the other."""

    def get_queryset(self):
        return scoped_feedback(self.request.user)

    def get_base_object_queryset(self):
        return scoped_feedback(self.request.user)


class OverdueFilter(django_filters.BooleanFilter):
    def filter(self, qs, value):
        if value is True:
            return qs.overdue()
        if value is False:
            return qs.not_overdue()
        return qs


def user_units(request):
    if request is None:
        return GuaranteePage.objects.none()
    return visible_units(request.user).order_by("title")


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Typ"), choices=Kind.choices)
    dimension = django_filters.ChoiceFilter(label=gettext_lazy("Gäller"), choices=Dimension.choices)
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("Enhet"), queryset=user_units)
    overdue = OverdueFilter(label=gettext_lazy("Försenad"))

    class Meta:
        model = Feedback
        fields = ["status", "kind", "dimension", "unit"]


def status_label(case):
    if case.is_overdue:
        return _("Försenad – %(status)s") % {"status": case.get_status_display()}
    return case.get_status_display()


class CaseStatusColumn(StatusTagColumn):
    """The status, marked as overdue (primary tag) when the deadline has passed."""

    def get_value(self, instance):
        return status_label(instance)


class FeedbackIndexView(ScopedListingMixin, IndexView):
    def get_edit_url(self, instance):
        return reverse("feedback_case:handle", args=[instance.pk])


class FeedbackEditView(ScopedObjectMixin, EditView):
    pass


class FeedbackDeleteView(ScopedObjectMixin, DeleteView):
    pass


class FeedbackHistoryView(HistoryView):
    # Its own get_queryset lists log entries; only the object lookup is narrowed.
    def get_base_object_queryset(self):
        return scoped_feedback(self.request.user)


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Inkorg")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    delete_view_class = FeedbackDeleteView
    history_view_class = FeedbackHistoryView
    filterset_class = FeedbackFilterSet
    search_fields = ["reference"]
    # Staff may correct how a case is classified; everything else happens in the case view.
    form_fields = ["kind", "dimension"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "reference",
            label=gettext_lazy("Referensnummer"),
            url_name="feedback_case:handle",
        ),
        CaseStatusColumn(
            "status", label=gettext_lazy("Status"), primary=lambda case: case.is_overdue
        ),
        Column("unit", label=gettext_lazy("Enhet")),
        Column("kind", label=gettext_lazy("Typ"), accessor="get_kind_display"),
        Column("dimension", label=gettext_lazy("Gäller"), accessor="get_dimension_display"),
        DateColumn("received_at", label=gettext_lazy("Inkom")),
        DateColumn("deadline", label=gettext_lazy("Svara senast")),
        Column("handler", label=gettext_lazy("Handläggare")),
    ]


class CaseView(WagtailAdminTemplateMixin, TemplateView):
    """One case: read it, assign it, reply, record the action, close."""

    template_name = "feedback/admin/case.html"
    header_icon = "comment"

    def dispatch(self, request, pk):
        if not request.user.has_perm("feedback.view_feedback") and not request.user.has_perm(
            "feedback.change_feedback"
        ):
            raise PermissionDenied
        self.case = get_object_or_404(scoped_feedback(request.user), pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Synpunkt %(reference)s") % {"reference": self.case.reference}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("feedback_inbox:index"), "label": _("Inkorg")},
            {"url": "", "label": self.case.reference},
        ]

    def handlers(self):
        return services.handlers_of(self.case.unit)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.can_change(self.request.user)
        context.update(
            case=self.case,
            can_change=can_change,
            assign_form=kwargs.get("assign_form")
            or AssignForm(handlers=self.handlers(), initial={"handler": self.case.handler_id}),
            reply_form=kwargs.get("reply_form") or ReplyForm(initial={"reply": self.case.reply}),
            action_form=kwargs.get("action_form")
            or ActionForm(initial={"action": self.case.action}),
            history_url=reverse("feedback_inbox:history", args=[self.case.pk]),
            edit_url=reverse("feedback_inbox:edit", args=[self.case.pk]),
        )
        return context

    def can_change(self, user):
        return (
            user.has_perm("feedback.change_feedback")
            and scoped_feedback(user, "change").filter(pk=self.case.pk).exists()
        )

    def post(self, request, pk):
        if not self.can_change(request.user):
            raise PermissionDenied
        operation = request.POST.get("operation")
        forms = {}
        try:
            if operation == "assign_self":
                if not self.handlers().filter(pk=request.user.pk).exists() and not (
                    request.user.is_superuser
                ):
                    raise TransitionError(_("Du är inte handläggare för den här enheten."))
                services.assign(self.case, request.user, request.user)
                messages.success(request, _("Ärendet är tilldelat dig."))
            elif operation == "assign":
                form = AssignForm(request.POST, handlers=self.handlers())
                forms["assign_form"] = form
                if not form.is_valid():
                    raise TransitionError(_("Välj en handläggare för enheten."))
                services.assign(self.case, form.cleaned_data["handler"], request.user)
                messages.success(request, _("Ärendet är tilldelat."))
            elif operation == "reply":
                form = ReplyForm(request.POST)
                forms["reply_form"] = form
                if not form.is_valid():
                    raise TransitionError(_("Svaret kunde inte sparas."))
                services.answer(self.case, form.cleaned_data["reply"], request.user)
                if self.case.email:
                    messages.success(request, _("Svaret är sparat och skickas med e-post."))
                else:
                    messages.success(request, _("Svaret är sparat."))
            elif operation == "action":
                form = ActionForm(request.POST)
                forms["action_form"] = form
                if not form.is_valid():
                    raise TransitionError(_("Åtgärden kunde inte sparas."))
                services.record_action(self.case, form.cleaned_data["action"], request.user)
                messages.success(request, _("Åtgärden är registrerad."))
            elif operation == "close":
                services.close(self.case, request.user)
                messages.success(request, _("Ärendet är avslutat."))
            else:
                raise TransitionError(_("Okänd åtgärd."))
        except TransitionError as error:
            self.case.refresh_from_db()
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(**forms), status=400)
        return redirect("feedback_case:handle", pk=self.case.pk)


class CompilationView(WagtailAdminTemplateMixin, TemplateView):
    """Counts per unit, service area, kind, dimension and month for the user's units."""

    template_name = "feedback/admin/compilation.html"
    page_title = gettext_lazy("Sammanställning av synpunkter")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("feedback.view_feedback") and not request.user.has_perm(
            "feedback.change_feedback"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def compilation(self):
        start, end, label = parse_period(self.request.GET, timezone.localdate())
        user = self.request.user
        everything = user.is_superuser or user.has_perm("feedback.compile_feedback")
        units = None if everything else visible_units(user)
        return Compilation(start, end, units=units, label=label)

    def get(self, request, *args, **kwargs):
        compilation = self.compilation()
        if request.GET.get("format") == "csv":
            return csv_response(compilation)
        return self.render_to_response(self.get_context_data(compilation=compilation))


def case_urls():
    return [path("<str:pk>/", CaseView.as_view(), name="handle")]


def dashboard_counts(user):
    qs = scoped_feedback(user).filter(status__in=OPEN_STATUSES)
    today = timezone.localdate()
    mine = qs.filter(Q(handler=user) | Q(handler__isnull=True))
    return {
        "open": mine.count(),
        "overdue": mine.filter(deadline__lt=today).count(),
        "cases": list(mine.order_by("deadline")[:10]),
        "today": today,
    }
