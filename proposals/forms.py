import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees.models import ServiceAreaPage

from .models import (
    PUBLIC_STATUSES,
    BlockedDomain,
    Decision,
    Proposal,
    RejectionReason,
    Status,
)

# Control characters other than tab and newlines have no place in a resident's text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    if CONTROL_CHARACTERS.search(value or ""):
        raise forms.ValidationError(gettext("Texten innehåller otillåtna tecken."))
    return value.strip()


def areas():
    return ServiceAreaPage.objects.live().order_by("title")


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=150,
        help_text=_("Sammanfatta förslaget i en mening."),
    )
    body = forms.CharField(
        label=_("Ditt förslag"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beskriv vad du vill att kommunen ska göra och varför. Skriv inte om enskilda personer."
        ),
    )
    service_area = forms.ModelChoiceField(
        label=_("Verksamhetsområde"),
        queryset=ServiceAreaPage.objects.none(),
        required=False,
        empty_label=_("Vet inte / inget särskilt"),
    )
    display_name = forms.CharField(
        label=_("Namn som visas med förslaget"),
        max_length=80,
        help_text=_("Ditt namn eller en signatur. Det visas öppet på webbplatsen."),
    )
    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_("Visas inte. Vi skickar en länk för att bekräfta förslaget och besked."),
    )
    consent = forms.BooleanField(
        label=_(
            "Jag har läst hur kommunen behandlar mina personuppgifter: namnet som visas "
            "publiceras, e-postadressen används bara för besked om förslaget."
        ),
        error_messages={"required": _("Du behöver godkänna hanteringen av personuppgifter.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = areas()

    def clean_title(self):
        return clean_text(self.cleaned_data["title"])

    def clean_body(self):
        return clean_text(self.cleaned_data["body"])

    def clean_display_name(self):
        name = clean_text(self.cleaned_data["display_name"])
        if name[:1] in "=+-@":
            raise forms.ValidationError(gettext("Namnet får inte börja med = + - eller @."))
        return name

    def clean_email(self):
        email = self.cleaned_data["email"]
        if BlockedDomain.blocks(email):
            raise forms.ValidationError(
                gettext("Adresser från den här e-posttjänsten kan inte användas. Ange en annan.")
            )
        return email


SORTS = {
    "nyast": ("-opens_at", _("Nyast")),
    "flest-roster": ("-vote_count", _("Flest röster")),
    "slutar-snart": ("closes_at", _("Slutar snart")),
}


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök bland e-förslag"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + [(s.value, s.label) for s in PUBLIC_STATUSES],
    )
    area = forms.ModelChoiceField(
        label=_("Verksamhetsområde"),
        queryset=ServiceAreaPage.objects.none(),
        required=False,
        empty_label=_("Alla"),
    )
    sort = forms.ChoiceField(
        label=_("Sortera"),
        required=False,
        choices=[(key, label) for key, (_field, label) in SORTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas()

    def filter(self, queryset):
        """Apply the valid parts of the filter; a bad value is ignored rather than fatal."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("area"):
            queryset = queryset.filter(service_area=data["area"])
        query = clean_query(data.get("q", ""))
        if query:
            matches = [p.pk for p in queryset.search(query)]
            queryset = queryset.filter(pk__in=matches)
        field = SORTS.get(data.get("sort") or "nyast")[0]
        if field == "closes_at":
            queryset = queryset.filter(status=Status.OPEN)
        return queryset.order_by(field, "-pk")


def clean_query(value):
    return CONTROL_CHARACTERS.sub("", value or "").strip()[:200]


# Admin forms ----------------------------------------------------------------------------------


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("publish", _("Publicera")), ("reject", _("Avvisa"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Skäl för avvisning"), choices=[("", "—")] + RejectionReason.choices, required=False
    )
    text = forms.CharField(
        label=_("Förklaring till förslagsställaren"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Krävs vid ”Annat skäl”."),
    )
    duplicate_of = forms.ModelChoiceField(
        label=_("Dubblett av"),
        queryset=Proposal.objects.public(),
        required=False,
        help_text=_("Krävs när förslaget är en dubblett."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject":
            reason = data.get("reason")
            if not reason:
                self.add_error("reason", gettext("Välj ett skäl."))
            elif reason == RejectionReason.OTHER and not data.get("text", "").strip():
                self.add_error("text", gettext("Skriv varför förslaget avvisas."))
            elif reason == RejectionReason.DUPLICATE and not data.get("duplicate_of"):
                self.add_error(
                    "duplicate_of", gettext("Ange vilket förslag det är en dubblett av.")
                )
        return data


class PersonalDataEditForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=150)
    body = forms.CharField(label=_("Förslag"), max_length=4000, widget=forms.Textarea)
    note = forms.CharField(
        label=_("Vilka personuppgifter togs bort?"),
        max_length=500,
        help_text=_("Förslag får bara redigeras för att ta bort personuppgifter."),
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), choices=Decision.choices)
    answer_text = forms.CharField(
        label=_("Nämndens svar"), widget=forms.Textarea(attrs={"rows": 8}), max_length=8000
    )
    answered_at = forms.DateField(
        label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"})
    )


class TrafficQueryForm(forms.Form):
    """The vote-traffic screen's query string: `?dagar=` days back, `?forslag=` one proposal."""

    dagar = forms.IntegerField(required=False)
    # A primary key is a PostgreSQL bigint: a larger number is no proposal, not a query.
    forslag = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class InvalidateForm(forms.Form):
    network = forms.CharField(label=_("Nätverk"), max_length=50, required=False)
    mail_domain = forms.CharField(label=_("E-postdomän"), max_length=255, required=False)
    start = forms.DateTimeField(label=_("Från"))
    end = forms.DateTimeField(label=_("Till"))
    proposal = forms.ModelChoiceField(
        label=_("E-förslag"), queryset=Proposal.objects.all(), required=False
    )
    note = forms.CharField(label=_("Anteckning"), max_length=500)

    def clean(self):
        data = super().clean()
        if not data.get("network") and not data.get("mail_domain"):
            raise forms.ValidationError(gettext("Ange ett nätverk eller en e-postdomän."))
        return data
