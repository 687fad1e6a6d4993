"""The handlers' inbox in the Wagtail admin: every lookup goes through the user's units."""

import django_filters
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, IndexView, UsageView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from guarantees.models import GuaranteePage
from home.admin_views import AdminPageMixin, ObjectScopedMixin, StateChangeView
from home.dates import StaffDateColumn, staff_period
from home.transitions import TransitionError
from staff.models import Role, units_for

from . import services
from .compilation import TABLES, Compilation, csv_response, period_bounds, xlsx_response_for
from .forms import (
    ActionForm,
    AssignForm,
    CompilationForm,
    MoveForm,
    NoteForm,
    ReplyForm,
    ReplyTemplateChoice,
)
from .models import OPEN_STATUSES, Dimension, Feedback, Kind, ReplyTemplate, Status


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
    """Django's model permissions, narrowed to the user's units for every instance.

    "view" is granted by the view or the change permission (unit editors read, handlers handle);
    "compile" (feedback.compile_feedback) lets quality staff compile every unit.
    """

    def user_has_permission(self, user, action):
        # Cases come from residents through the public form, never from the admin.
        if action == "add":
            return False
        if action == "view":
            return super().user_has_permission(user, "view") or super().user_has_permission(
                user, "change"
            )
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

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


class AssignedFilter(django_filters.ChoiceFilter):
    """The handler's own queue ("mina") and the cases nobody has taken ("ingen"): both of
    cases not yet closed, since that is the work still to do."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices",
            [("mina", gettext_lazy("Mina ärenden")), ("ingen", gettext_lazy("Ej tilldelade"))],
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "mina":
            return qs.exclude(status=Status.CLOSED).filter(handler=self.parent.request.user)
        if value == "ingen":
            return qs.exclude(status=Status.CLOSED).filter(handler__isnull=True)
        return qs


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
    tilldelad = AssignedFilter(label=gettext_lazy("Tilldelning"))

    class Meta:
        model = Feedback
        fields = ["status", "kind", "dimension", "unit"]


class CaseStatusColumn(StatusTagColumn):
    """The status, after the red "Försenat" tag when the deadline has passed (the one shape
    of overdue on staff screens: home/templates/home/includes/overdue_tag.html)."""

    cell_template_name = "feedback/admin/status_cell.html"

    def get_value(self, instance):
        return instance.get_status_display()

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue
        return context


# The checkbox column and the bulk-action footer pair up by this type (Wagtail's JS).
BULK_TYPE = "case"


class FeedbackIndexView(ScopedListingMixin, IndexView):
    template_name = "feedback/admin/inbox.html"

    def get_edit_url(self, instance):
        return reverse("feedback_inbox:case", args=[instance.pk])

    @cached_property
    def can_handle(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    @cached_property
    def columns(self):
        columns = super().columns
        if self.can_handle:
            return [BulkActionsCheckboxColumn("bulk_actions", obj_type=BULK_TYPE), *columns]
        return columns

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_handle": self.can_handle}


def common_handlers(cases):
    """The handlers who may take every one of these cases (those of all their units)."""
    handlers = None
    for unit_id in {case.unit_id for case in cases}:
        ids = set(cases[0].__class__(unit_id=unit_id).handlers().values_list("pk", flat=True))
        handlers = ids if handlers is None else handlers & ids
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=handlers or ()).order_by("first_name", "username")


@hooks.register("register_bulk_action")
class AssignCasesBulkAction(BulkAction):
    """Select cases in the inbox and give them all to one handler.

    Each case goes through `services.assign` (the model's transition, one FeedbackEvent each).
    Only cases the user may handle are looked up; a selected id outside them is not found.
    """

    display_name = gettext_lazy("Tilldela")
    action_type = "assign"
    aria_label = gettext_lazy("Tilldela de valda ärendena en handläggare")
    template_name = "feedback/admin/bulk_assign.html"
    action_priority = 10
    models = [Feedback]
    form_class = AssignForm

    @cached_property
    def _cases(self):
        from .wagtail_hooks import feedback_policy

        handleable = feedback_policy.instances_user_has_permission_for(self.request.user, "change")
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            chosen = handleable
        else:
            if not all(i.isdigit() and len(i) <= 10 for i in ids):
                raise BadRequest(_("Ogiltigt ärende i urvalet."))
            chosen = handleable.filter(pk__in=[int(i) for i in ids])
        chosen = list(chosen.order_by("deadline", "pk"))
        if not chosen:
            raise Http404
        open_cases = [case for case in chosen if case.status != Status.CLOSED]
        closed = [case for case in chosen if case.status == Status.CLOSED]
        return open_cases, closed

    def get_actionable_objects(self):
        open_cases, closed = self._cases
        return open_cases, {"items_with_no_access": closed}

    def object_context(self, obj):
        return {"item": obj, "edit_url": reverse("feedback_inbox:case", args=[obj.pk])}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "handlers": common_handlers(self._cases[0])}

    def get_execution_context(self):
        return {"handler": self.cleaned_form.cleaned_data["handler"], "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, handler=None, by=None, **kwargs):
        for case in objects:
            services.assign(case, handler, by)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except TransitionError as error:  # a case closed or moved meanwhile: nothing is kept
            form.add_error(None, error.messages)
            return self.form_invalid(form)

    def form_invalid(self, form):
        # Like every staff form here: a refused choice answers 400 with the form again.
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_success_message(self, num_parent_objects, num_child_objects):
        handler = self.cleaned_form.cleaned_data["handler"]
        return ngettext(
            "%(count)d ärende är tilldelat %(handler)s.",
            "%(count)d ärenden är tilldelade %(handler)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "handler": handler.get_full_name() or handler.get_username(),
        }


class FeedbackEditView(ScopedObjectMixin, EditView):
    pass


class FeedbackDeleteView(ScopedObjectMixin, DeleteView):
    pass


class FeedbackHistoryView(HistoryView):
    # Its own get_queryset lists log entries; only the object lookup is narrowed.
    def get_base_object_queryset(self):
        return scoped_feedback(self.request.user)


class FeedbackUsageView(UsageView):
    # Its own get_queryset lists usages; only the object lookup is narrowed.
    def get_base_object_queryset(self):
        return scoped_feedback(self.request.user, "change")


class CaseView(ObjectScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One case: read it and its record; the forms post to one view per state change."""

    model = Feedback
    template_name = "feedback/admin/case.html"
    header_icon = "comment"

    def get_page_title(self):
        return _("Synpunkt %(reference)s") % {"reference": self.object.reference}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("feedback_inbox:index"), "label": _("Inkorg")},
            {"url": "", "label": self.object.reference},
        ]

    def get_context_data(self, **kwargs):
        case = self.object
        context = super().get_context_data(**kwargs)
        context.update(
            case=case,
            events=case.events.select_related("actor"),
            can_change=self.permission_policy.user_has_permission_for_instance(
                self.request.user, "change", case
            ),
            assign_form=AssignForm(handlers=case.handlers(), initial={"handler": case.handler_id}),
            reply_form=ReplyForm(),
            reply_templates=ReplyTemplate.objects.for_case(case),
            action_form=ActionForm(initial={"action": case.action}),
            note_form=NoteForm(),
            move_form=MoveForm(),
            # Unit editors read cases; only handlers see who sent them.
            show_sender=self.permission_policy.user_has_permission_for_instance(
                self.request.user, "change", case
            ),
        )
        return context


class CaseChangeView(StateChangeView):
    model = Feedback
    object_url_name = "feedback_inbox:case"
    index_url_name = "feedback_inbox:index"
    index_label = gettext_lazy("Inkorg")
    header_icon = "comment"


class AssignToMeView(CaseChangeView):
    page_title = gettext_lazy("Ta ärendet själv")
    success_message = gettext_lazy("Ärendet är tilldelat dig.")

    def perform(self, form):
        services.assign(self.object, self.request.user, self.request.user)


class AssignView(CaseChangeView):
    page_title = gettext_lazy("Tilldela")
    form_class = AssignForm
    success_message = gettext_lazy("Ärendet är tilldelat.")

    def get_form_kwargs(self):
        return {"handlers": self.object.handlers()}

    def perform(self, form):
        services.assign(self.object, form.cleaned_data["handler"], self.request.user)


class ReplyView(CaseChangeView):
    """Write a reply, see the letter exactly as it will be sent, then send it."""

    page_title = gettext_lazy("Svara")
    submit_label = gettext_lazy("Skicka svaret")
    preview = True
    preview_label = gettext_lazy("Så här ser brevet ut")
    form_class = ReplyForm

    def get_form_kwargs(self):
        chosen = ReplyTemplate.objects.for_case(self.object).filter(
            pk=ReplyTemplateChoice(self.request.GET).chosen()
        )
        return {"initial": {"reply": chosen[0].text}} if chosen else {}

    @property
    def description(self):
        if self.object.email:
            return _("Svaret mejlas till %(email)s och visas på invånarens uppföljningssida.") % {
                "email": self.object.email
            }
        return _("Ingen e-postadress finns. Svaret visas på invånarens uppföljningssida.")

    def get_preview(self, form):
        return services.letter(self.object, form.cleaned_data["reply"])

    def perform(self, form):
        services.answer(self.object, form.cleaned_data["reply"], self.request.user)

    @property
    def success_message(self):
        if self.object.email:
            return _("Svaret är sparat och skickas med e-post.")
        return _("Svaret är sparat.")


class ActionView(CaseChangeView):
    page_title = gettext_lazy("Åtgärd")
    submit_label = gettext_lazy("Spara åtgärd")
    form_class = ActionForm
    success_message = gettext_lazy("Åtgärden är registrerad.")

    def perform(self, form):
        services.record_action(self.object, form.cleaned_data["action"], self.request.user)


class NoteView(CaseChangeView):
    page_title = gettext_lazy("Intern anteckning")
    submit_label = gettext_lazy("Spara anteckningen")
    form_class = NoteForm
    success_message = gettext_lazy("Anteckningen är sparad.")

    def perform(self, form):
        services.add_note(self.object, form.cleaned_data["note"], self.request.user)


class MoveView(CaseChangeView):
    page_title = gettext_lazy("Flytta till annan enhet")
    submit_label = gettext_lazy("Flytta ärendet")
    form_class = MoveForm
    success_message = gettext_lazy(
        "Ärendet är flyttat och den nya enhetens handläggare har fått besked."
    )

    def perform(self, form):
        services.move_to(self.object, form.cleaned_data["unit"], self.request.user)

    def get_success_url(self):
        # The case may now belong to a unit this handler does not handle.
        return reverse("feedback_inbox:index")


class CloseView(CaseChangeView):
    page_title = gettext_lazy("Avsluta ärendet")
    description = gettext_lazy("Ett avslutat ärende kan inte öppnas igen.")
    destructive = True
    success_message = gettext_lazy("Ärendet är avslutat.")

    def perform(self, form):
        services.close(self.object, self.request.user)


class CompilationView(PermissionCheckedMixin, AdminPageMixin, TemplateView):
    """Counts per unit, service area, kind, dimension and month for the user's units, narrowed
    to an area or a unit; each table for download as CSV, all of them as one XLSX file."""

    model = Feedback
    permission_required = "view"
    template_name = "feedback/admin/compilation.html"
    page_title = gettext_lazy("Sammanställning av synpunkter")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        everything = self.user_has_permission("compile")
        units = GuaranteePage.objects.all() if everything else visible_units(request.user)
        form = CompilationForm(request.GET or None, units=units, tables=TABLES)
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        first, last = form.days(timezone.localdate())
        start, end = period_bounds(first, last)
        compilation = Compilation(
            start,
            end,
            units=form.chosen_units(everything),
            label=staff_period(first, last),
            scope=form.scope(everything),
        )
        download = form.cleaned_data.get("format") if form.is_bound else ""
        if download == "csv":
            return csv_response(compilation, form.cleaned_data["tabell"])
        if download == "xlsx":
            return xlsx_response_for(compilation)
        context = self.get_context_data(
            form=form, compilation=compilation, downloads=self.downloads(request)
        )
        return self.render_to_response(context)

    @staticmethod
    def downloads(request):
        """The links of the download: the XLSX file and one CSV per table, for the same
        period and units as the page."""
        query = request.GET.copy()
        for name in ("format", "tabell"):
            query.pop(name, None)

        def link(**params):
            query.update(params)
            url = f"?{query.urlencode()}"
            for name in params:
                query.pop(name)
            return url

        return {
            "xlsx": link(format="xlsx"),
            "csv": [(title, link(format="csv", tabell=slug)) for slug, title in TABLES],
        }


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Inkorg")
    add_to_admin_menu = False
    copy_view_enabled = False
    pk_path_converter = "int"
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    delete_view_class = FeedbackDeleteView
    history_view_class = FeedbackHistoryView
    usage_view_class = FeedbackUsageView
    filterset_class = FeedbackFilterSet
    search_fields = ["reference"]
    # Staff may correct how a case is classified; everything else has a view of its own.
    form_fields = ["kind", "dimension"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "reference",
            label=gettext_lazy("Referensnummer"),
            url_name="feedback_inbox:case",
            get_title_id=lambda case: f"{BULK_TYPE}_{case.pk}_title",
        ),
        CaseStatusColumn("status", label=gettext_lazy("Status")),
        Column("unit", label=gettext_lazy("Enhet")),
        Column("kind", label=gettext_lazy("Typ"), accessor="get_kind_display"),
        Column("dimension", label=gettext_lazy("Gäller"), accessor="get_dimension_display"),
        StaffDateColumn("received_at", label=gettext_lazy("Inkom")),
        StaffDateColumn("deadline", label=gettext_lazy("Svara senast")),
        Column("handler", label=gettext_lazy("Handläggare")),
    ]

    case_views = [
        ("", CaseView, "case"),
        ("tilldela-mig/", AssignToMeView, "assign_to_me"),
        ("tilldela/", AssignView, "assign"),
        ("svara/", ReplyView, "reply"),
        ("atgard/", ActionView, "action"),
        ("anteckning/", NoteView, "note"),
        ("flytta/", MoveView, "move"),
        ("avsluta/", CloseView, "close"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"<int:pk>/{route}", self.construct_view(view), name=name)
                for route, view, name in self.case_views
            ),
            path("sammanstallning/", self.construct_view(CompilationView), name="compilation"),
        ]


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
