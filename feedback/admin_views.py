"""The handlers' inbox in the Wagtail admin: every lookup goes through the user's units."""

import django_filters
from django import forms
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
from .models import (
    OPEN_STATUSES,
    Dimension,
    Feedback,
    FeedbackEvent,
    Kind,
    ReplyTemplate,
    Status,
    display_name,
    language_choices,
)


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


# The default of a filter that narrows nothing.
ALL = gettext_lazy("Alla")
# The status filter's choice that shows closed cases too.
ALL_STATUSES = "alla"


class StatusFilter(django_filters.ChoiceFilter):
    """Closed cases are done: the inbox leaves them out unless this filter asks for them
    (FeedbackIndexView.shows_closed); "alla" shows every status."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices", [*Status.choices, (ALL_STATUSES, gettext_lazy("Alla, även avslutade"))]
        )
        kwargs.setdefault("empty_label", gettext_lazy("Alla utom avslutade"))
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == ALL_STATUSES:
            return qs
        return super().filter(qs, value)


class AssignedFilter(django_filters.ChoiceFilter):
    """The handler's own queue ("mina") and the cases nobody has taken ("ingen"): both of
    cases not yet closed, since that is the work still to do."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices",
            [("mina", gettext_lazy("Mina ärenden")), ("ingen", gettext_lazy("Ej tilldelade"))],
        )
        kwargs.setdefault("empty_label", ALL)
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "mina":
            return qs.exclude(status=Status.CLOSED).filter(handler=self.parent.request.user)
        if value == "ingen":
            return qs.exclude(status=Status.CLOSED).filter(handler__isnull=True)
        return qs


class OverdueFilter(django_filters.ChoiceFilter):
    """Overdue or not, "Alla" by default (a yes/no filter's unset state read "Okänt")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices",
            [("true", gettext_lazy("Försenade")), ("false", gettext_lazy("Inte försenade"))],
        )
        kwargs.setdefault("empty_label", ALL)
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "true":
            return qs.overdue()
        if value == "false":
            return qs.not_overdue()
        return qs


def user_units(request):
    if request is None:
        return GuaranteePage.objects.none()
    return visible_units(request.user).order_by("title")


class FeedbackFilterSet(WagtailFilterSet):
    status = StatusFilter(label=gettext_lazy("Status"))
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Typ"), choices=Kind.choices, empty_label=ALL
    )
    dimension = django_filters.ChoiceFilter(
        label=gettext_lazy("Gäller"), choices=Dimension.choices, empty_label=ALL
    )
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("Enhet"), queryset=user_units)
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Språk"), choices=language_choices, empty_label=ALL
    )
    overdue = OverdueFilter(label=gettext_lazy("Försenad"))
    tilldelad = AssignedFilter(label=gettext_lazy("Tilldelning"))

    class Meta:
        model = Feedback
        fields = ["status", "kind", "dimension", "unit", "language"]


class CaseStatusColumn(StatusTagColumn):
    def get_value(self, instance):
        return instance.get_status_display()


class DeadlineColumn(StaffDateColumn):
    """The deadline, and under it the red "Försenat" tag when it has passed (the one shape of
    overdue on staff screens: home/templates/home/includes/overdue_tag.html). Beside the
    reference, so that both stay in view on a phone."""

    cell_template_name = "feedback/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue
        return context


# The checkbox column and the bulk-action footer pair up by this type (Wagtail's JS).
BULK_TYPE = "case"


class FeedbackIndexView(ScopedListingMixin, IndexView):
    """The handler's work list: in work order (Feedback.objects.in_work_order) unless a column
    is sorted, closed cases only when the status filter or a search asks for them."""

    template_name = "feedback/admin/inbox.html"

    def order_queryset(self, queryset):
        if self.ordering:
            return queryset.order_by(self.ordering, "pk")
        return queryset.in_work_order()

    @cached_property
    def shows_closed(self):
        if self.is_searching:
            return True
        if not (self.filters and self.filters.is_valid()):
            return False
        return self.filters.form.cleaned_data.get("status") in (Status.CLOSED, ALL_STATUSES)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.shows_closed:
            queryset = queryset.exclude(status=Status.CLOSED)
        return queryset

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
            # "Ta ärendet själv" only for a case that is not already hers.
            can_take=case.handler_id != self.request.user.pk,
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
    """Write a reply beside what the resident wrote, see the letter exactly as it will be
    sent, then send it."""

    page_title = gettext_lazy("Svara")
    submit_label = gettext_lazy("Skicka svaret")
    preview = True
    preview_label = gettext_lazy("Så här ser brevet ut")
    form_class = ReplyForm
    template_name = "feedback/admin/reply.html"

    def get_form_kwargs(self):
        chosen = ReplyTemplate.objects.for_case(self.object).filter(
            pk=ReplyTemplateChoice(self.request.GET).chosen()
        )
        if not chosen:
            return {}
        return {"initial": {"reply": chosen[0].letter_for(self.request.user)}}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "case": self.object,
            "reply_templates": ReplyTemplate.objects.for_case(self.object),
        }

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
    # The reference and the deadline with its overdue tag first: on a phone the table scrolls
    # sideways and these stay in view. Every column but the excerpt sorts; unsorted, the list
    # is in work order. What a case is about ("Gäller") is a filter and on the case's page,
    # leaving the width to the excerpt.
    list_display = [
        TitleColumn(
            "reference",
            label=gettext_lazy("Referensnummer"),
            url_name="feedback_inbox:case",
            get_title_id=lambda case: f"{BULK_TYPE}_{case.pk}_title",
            sort_key="reference",
        ),
        DeadlineColumn("deadline", label=gettext_lazy("Svara senast"), sort_key="deadline"),
        CaseStatusColumn("status", label=gettext_lazy("Status"), sort_key="status"),
        Column(
            "excerpt",
            label=gettext_lazy("Meddelande"),
            accessor="excerpt",
            classname="feedback-excerpt",
        ),
        Column("unit", label=gettext_lazy("Enhet"), sort_key="unit__title"),
        Column("kind", label=gettext_lazy("Typ"), accessor="get_kind_display", sort_key="kind"),
        # Named in the staff's language ("finska"); a filter finds all cases in one.
        Column("language", label=gettext_lazy("Språk"), accessor="language_name"),
        StaffDateColumn("received_at", label=gettext_lazy("Inkom"), sort_key="received_at"),
        Column(
            "handler",
            label=gettext_lazy("Handläggare"),
            accessor=lambda case: display_name(case.handler) if case.handler else "",
            sort_key="handler__first_name",
        ),
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


# Reminders the dashboard lists, the latest first.
DASHBOARD_REMINDERS = 10


def dashboard_counts(user):
    qs = scoped_feedback(user).filter(status__in=OPEN_STATUSES)
    today = timezone.localdate()
    mine = qs.filter(Q(handler=user) | Q(handler__isnull=True))
    reminders = (
        FeedbackEvent.objects.filter(kind__in=FeedbackEvent.REMINDER_KINDS, case__in=mine)
        .select_related("case")
        .order_by("-at", "-pk")[:DASHBOARD_REMINDERS]
    )
    return {
        "open": mine.count(),
        "overdue": mine.filter(deadline__lt=today).count(),
        "cases": list(mine.in_work_order()[:10]),
        "reminders": list(reminders),
        "today": today,
    }
