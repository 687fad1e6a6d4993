"""Wagtail 8's admin views that answer 500 to a malformed request, repaired through Wagtail's
own extension points: form base classes named in settings, and views routed before
Wagtail's in `home/admin_urls.py`. Each repair changes only what fails and hands the rest to
Wagtail, so an upgrade that fixes the bug upstream leaves a harmless subclass behind.

The same way, a Wagtail screen that shows staff English its catalogue cannot translate is
given its Swedish here (the sites listing's column heads).

What no single view owns is refused in `home/middleware.py` instead: a form field missing
from the request (`MultiValueDictKeyError`) and a `next` that names no URL.
"""

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, SuspiciousOperation, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import chooser, workflows
from wagtail.contrib.redirects import views as redirect_views
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, Site
from wagtail.sites import views as sites_views

# --- images: a file with an image's signature that no decoder can open -------------------


class ImageFileField(WagtailImageField):
    """Wagtail's image field, refusing a file that cannot be decoded with its own message.

    Wagtail recognises the format from the first bytes, then asks Pillow for the size, which
    raises UnidentifiedImageError (or another OSError for a truncated file) outside the
    field's validation: the upload answered 500 (add, edit and the multiple uploader).
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with ImageFileField for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")  # absent from the multiple uploader's edit form
        if field is not None:
            # The same widget, so Wagtail's title sync on it is kept.
            self.fields["file"] = ImageFileField(
                label=field.label, required=field.required, widget=field.widget
            )


# --- documents: Document.clean() blames a field the form may not have --------------------


class DocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: Wagtail's document form, showing every model error.

    Document.clean() reports a file extension outside WAGTAILDOCS_EXTENSIONS as an error of
    the `file` field. The multiple uploader's edit form has no such field, and Django raises
    ValueError for an error on a field the form lacks: editing the title of a document stored
    before the extension list was narrowed answered 500. Such errors are shown for the form.
    """

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            shown = {}
            for name, errors in error.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                shown.setdefault(key, []).extend(errors)
            error = ValidationError(shown)
        super().add_error(field, error)


# --- the external link chooser: a POST without the URL field -----------------------------


class LinkURLField(URLOrAbsolutePathField):
    """Wagtail's URL field reads `value.startswith` before anything: None (the field missing
    from the POST) raised AttributeError. A missing URL is an empty one: "required"."""

    def to_python(self, value):
        return super().to_python("" if value is None else value)


class ExternalLinkChooserFormRepaired(ExternalLinkChooserForm):
    url = LinkURLField(required=True, label=_("URL"))


class ExternalLinkView(chooser.ExternalLinkView):
    form_class = ExternalLinkChooserFormRepaired


# --- the workflow edit view: its list of pages reads ?p= with int() -----------------------


class WorkflowEditView(workflows.Edit):
    """Wagtail's view called int() on ?p= and Paginator.page() on the result: any page number
    that is not a number of an existing page answered 500. Read it as Wagtail's listings do."""

    def get_paginated_pages(self):
        pages = Page.objects.filter(workflowpage__workflow=self.get_object())
        pages.paginator = Paginator(pages, self.MAX_PAGES)
        return pages.paginator.get_page(self.request.GET.get("p"))


# --- snippet choosers: the create step of a chooser that has no creation form -------------


def snippet_chooser_create(request, app_label, model_name):
    """Every snippet chooser has a create/ URL; with no creation form (no "Create" tab, the
    case for all of ours) Wagtail's view called is_valid() on None for any POST. Without a
    form there is nothing to create: 404. With one, Wagtail's view answers."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    snippet_viewset = getattr(model, "snippet_viewset", None)
    if snippet_viewset is None:
        raise Http404
    viewset = snippet_viewset.chooser_viewset
    if (
        viewset.creation_form_class is None
        and viewset.form_fields is None
        and viewset.exclude_form_fields is None
    ):
        raise Http404("This chooser creates nothing.")
    return viewset.create_view(request)


# --- the redirect import: its last step without the first ---------------------------------

IMPORT_FIELDS = ("import_file_name", "input_format")


@redirect_views.permission_checker.require_any("add")
@require_POST
def redirect_import_process(request):
    """Wagtail means to refuse a confirmation without its signed fields as suspicious (400),
    but its form's clean() indexes cleaned_data for the fields that failed: KeyError, 500."""
    if not all(request.POST.get(name) for name in IMPORT_FIELDS):
        raise SuspiciousOperation("Redirect import confirmed without a started import.")
    return redirect_views.process_import(request)


# --- the sites listing: two column heads in English ---------------------------------------


class SiteIndexView(sites_views.IndexView):
    """Wagtail's sites listing with its "site_name" and "root_page" columns headed by the
    fields' translated names (Wagtail made the heads from the attribute names: "Site name",
    "Root page")."""

    columns = [
        Column(
            column.name,
            label=capfirst(Site._meta.get_field(column.name).verbose_name),
            sort_key=column.sort_key,
        )
        if column.name in ("site_name", "root_page")
        else column
        for column in sites_views.IndexView.columns
    ]


site_viewset = sites_views.SiteViewSet("wagtailsites", index_view_class=SiteIndexView)
