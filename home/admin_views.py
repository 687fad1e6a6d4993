"""One shape for staff screens that change the state of one object.

Each state change (reply to a case, close it, publish a proposal ...) is its own view hanging off
its model's viewset, guarded by the model's registered permission policy: the action is checked
at dispatch (`permission_required`) and the object is looked up only among the objects the user
may act on, so another unit's case is a 404. The object's page posts its forms here; a GET shows
the same form alone, which is the confirmation step for changes that cannot be undone.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .transitions import TransitionError


class AdminPageMixin(WagtailAdminTemplateMixin):
    """A staff page in the admin's own look, its title last in the breadcrumbs (the header)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ObjectScopedMixin(PermissionCheckedMixin, BaseObjectMixin):
    """Look the object up only among those the permission policy lets the user act on."""

    permission_required = "view"

    def get_object(self):
        # The object is looked up in setup(), before dispatch() checks the permission: check
        # it first, so that staff without it get 403 rather than a 404 for every id.
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        return super().get_object()

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.permission_required
        )


class StateChangeView(ObjectScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "change"
    template_name = "home/admin/state_change.html"
    form_class = None
    object_url_name = ""  # the object's own page, where a successful change returns
    index_url_name = ""
    index_label = ""
    submit_label = ""
    description = ""  # what happens, shown above the form on its own page
    destructive = False
    success_message = ""
    # Show what will be done (a letter, say) and ask again before doing it.
    preview = False
    preview_label = ""

    def get_preview(self, form):
        """Plain text of what the change will produce; shown before it is confirmed."""
        return ""

    def get_form_kwargs(self):
        return {}

    def get_form(self, data=None):
        if self.form_class is None:
            return None
        return self.form_class(data, **self.get_form_kwargs())

    def perform(self, form):
        """Make the change through the app's services; raise TransitionError to refuse."""
        raise NotImplementedError

    def get_object_url(self):
        return reverse(self.object_url_name, args=[self.object.pk])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": self.index_label})
        items.append({"url": self.get_object_url(), "label": str(self.object)})
        items.append({"url": "", "label": self.get_page_title(), "sublabel": str(self.object)})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            object_url=self.get_object_url(),
            submit_label=self.submit_label or self.get_page_title(),
            description=self.description,
            destructive=self.destructive,
            preview_label=self.preview_label,
            asks_preview=self.preview,
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form is not None and not form.is_valid():
            messages.error(request, _("Kontrollera uppgifterna nedan."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if self.preview and "andra" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        if self.preview and "bekrafta" not in request.POST:
            return self.render_to_response(
                self.get_context_data(form=form, preview=self.get_preview(form))
            )
        try:
            self.perform(form)
        except TransitionError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.get_object_url()
