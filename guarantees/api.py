"""Open data: the guarantees and their commitments as JSON through Wagtail's API v2.

    /api/v2/pages/?type=guarantees.GuaranteePage&fields=commitments
    /api/v2/pages/<id>/

Only live, public pages are served; the fields each page type exposes are its `api_fields`.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale

from home.resident_input import WholeNumberField

# Far beyond any listing the site will have, far below what PostgreSQL's bigint can hold.
MAX_OFFSET = 1_000_000


class PagesQueryForm(forms.Form):
    """The query parameters Wagtail passes on to the database, checked before it runs a query.

    Wagtail parses `offset` with int() alone and hands `search_operator` to the search
    backend unchecked; PostgreSQL refuses text with NUL in it. Each of these was a 500.
    """

    offset = WholeNumberField(min_value=0, max_value=MAX_OFFSET, required=False)
    search_operator = forms.ChoiceField(choices=[("and", "and"), ("or", "or")], required=False)

    def clean(self):
        for name, values in self.data.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise forms.ValidationError(
                    gettext_lazy("Frågeparametrar får inte innehålla nolltecken.")
                )
        return super().clean()


class PagesWithCommitmentsAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint: parameters checked first, commitments fetched in one query."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = PagesQueryForm(request.GET)
        if not query.is_valid():
            raise BadRequestError(
                " ".join(
                    _("%(parameter)s: %(error)s") % {"parameter": name, "error": error}
                    if name != "__all__"
                    else error
                    for name, errors in query.errors.items()
                    for error in errors
                )
            )

    def get_queryset(self):
        # The open data lists each unit once, as its Swedish page, unless a language is asked
        # for (`?locale=en`, Wagtail's own filter): every page stands in every language's tree.
        queryset = super().get_queryset().select_related("locale")
        if "locale" not in self.request.GET and "translation_of" not in self.request.GET:
            queryset = queryset.filter(locale=Locale.get_default())
        if any(f.name == "commitments" for f in queryset.model._meta.related_objects):
            queryset = queryset.prefetch_related("commitments")
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesWithCommitmentsAPIViewSet)
