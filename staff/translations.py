"""A translation goes through the committee's approval, like its Swedish source.

wagtail-localize's translation editor saves each string as it is typed and offers one way to
the site: "Publish", for those who may publish. Translators may not (staff/roles.py:
TRANSLATION_PAGE_PERMISSIONS gives them "change" only, on the other languages' trees), so
they send the translation for approval here: its strings are written to a new revision of
the translated page, and the workflow that governs the page (the committee's, assigned to
the home page of every language by staff/setup.py) starts on it. The committee approves or
asks for changes in the same task and screens as for a Swedish guarantee; approving publishes
the revision.

Offered from the page explorer's "More" menu of a translated page (`wagtail_hooks.py`).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages as admin_messages
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.admin_views import AdminPageMixin


def translation_of(page):
    """The enabled wagtail-localize translation whose target is `page`, or None."""
    if page.locale.language_code == settings.LANGUAGE_CODE or page.alias_of_id:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def may_send_for_approval(user, page):
    """The page is a translation the user may edit, under a workflow, not already in one."""
    if translation_of(page) is None:
        return False
    if not page.permissions_for_user(user).can_edit():
        return False
    return page.get_workflow() is not None and not page.workflow_in_progress


class SendTranslationForApprovalView(AdminPageMixin, TemplateView):
    template_name = "home/admin/state_change.html"
    header_icon = "check"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not may_send_for_approval(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Skicka översättningen till granskning")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        description = _(
            "Översättningen till %(language)s skickas till granskning i arbetsflödet "
            "”%(workflow)s”, som den svenska sidan. Den publiceras när den har godkänts."
        ) % {
            "language": self.page.locale.get_display_name(),
            "workflow": self.page.get_workflow().name,
        }
        return {
            **super().get_context_data(**kwargs),
            "description": description,
            "submit_label": _("Skicka till granskning"),
            "object_url": reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]),
        }

    def post(self, request, page_id):
        translation = translation_of(self.page)
        with transaction.atomic():
            try:
                translation.save_target(user=request.user, publish=False)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            page = Page.objects.get(pk=self.page.pk).specific
            page.get_workflow().start(page, request.user)
        admin_messages.success(
            request,
            _("Översättningen av ”%(title)s” är skickad till granskning.") % {"title": page.title},
        )
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
