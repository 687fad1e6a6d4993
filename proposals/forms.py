from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees.models import ServiceAreaPage
from home.resident_input import (
    ResidentCharField,
    ResidentEmailField,
    ResidentForm,
    ResidentTextField,
    WholeNumberField,
)

from .models import (
    PUBLIC_STATUSES,
    BlockedDomain,
    Decision,
    Proposal,
    RejectionReason,
    Status,
    Vote,
)


def areas():
    return ServiceAreaPage.objects.in_source_language().live().order_by("title")


class ProposalForm(ResidentForm):
    title = ResidentCharField(
        label=_("Rubrik"),
        max_length=150,
        help_text=_("Sammanfatta förslaget i en mening."),
        error_messages={"required": _("Skriv en rubrik.")},
    )
    body = ResidentTextField(
        label=_("Ditt förslag"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beskriv vad du vill att kommunen ska göra och varför. Skriv inte om enskilda personer."
        ),
        error_messages={"required": _("Beskriv ditt förslag.")},
    )
    service_area = forms.ModelChoiceField(
        label=_("Verksamhetsområde"),
        queryset=ServiceAreaPage.objects.none(),
        required=False,
        empty_label=_("Vet inte / inget särskilt"),
    )
    display_name = ResidentCharField(
        label=_("Namn som visas med förslaget"),
        max_length=80,
        help_text=_("Ditt namn eller en signatur. Det visas öppet på webbplatsen."),
        error_messages={"required": _("Skriv det namn eller den signatur som ska visas.")},
    )
    email = ResidentEmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_(
            "Visas inte. Hit skickar vi en länk där du bekräftar förslaget, och sedan besked "
            "om vad som händer med det."
        ),
        validators=[BlockedDomain.refuse],
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

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if name[:1] in "=+-@":
            raise forms.ValidationError(gettext("Namnet får inte börja med = + - eller @."))
        return name


SORTS = {
    "nyast": ("-opens_at", _("Nyast")),
    "flest-roster": ("-vote_count", _("Flest röster")),
    "slutar-snart": ("closes_at", _("Slutar snart")),
}


class ListFilterForm(ResidentForm):
    q = ResidentCharField(label=_("Sök bland e-förslag"), max_length=200, required=False)
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
        query = data.get("q", "")
        if query:
            matches = [p.pk for p in queryset.search(query)]
            queryset = queryset.filter(pk__in=matches)
        field = SORTS.get(data.get("sort") or "nyast")[0]
        if field == "closes_at":
            queryset = queryset.filter(status=Status.OPEN)
        return queryset.order_by(field, "-pk")


# Admin forms ----------------------------------------------------------------------------------


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Skäl för avvisning"), choices=RejectionReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Förklaring till förslagsställaren"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Skickas med i mejlet till förslagsställaren. Krävs vid ”Annat skäl”."),
    )
    duplicate_of = forms.ModelChoiceField(
        label=_("Dubblett av"),
        queryset=Proposal.objects.public(),
        required=False,
        help_text=_("Krävs när förslaget är en dubblett."),
    )

    def clean(self):
        data = super().clean()
        reason = data.get("reason")
        if reason == RejectionReason.OTHER and not data.get("text", "").strip():
            self.add_error("text", gettext("Skriv varför förslaget avvisas."))
        elif reason == RejectionReason.DUPLICATE and not data.get("duplicate_of"):
            self.add_error("duplicate_of", gettext("Ange vilket förslag det är en dubblett av."))
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


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl, som visas på förslagets sida"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skriv inga personuppgifter. Förslagsställaren får skälet i ett mejl."),
        error_messages={"required": _("Skriv varför förslaget tas bort.")},
    )


class AreaForm(forms.Form):
    service_area = forms.ModelChoiceField(
        label=_("Verksamhetsområde"),
        queryset=ServiceAreaPage.objects.in_source_language().live().order_by("title"),
        error_messages={"required": _("Välj ett verksamhetsområde.")},
    )


class InvalidationForm(forms.Form):
    """Which votes: one network or one mail domain, in a time window, optionally one proposal.

    Read from the query string for the preview and posted back with the note to confirm."""

    network = forms.CharField(label=_("Nätverk"), max_length=50, required=False)
    mail_domain = forms.CharField(label=_("E-postdomän"), max_length=255, required=False)
    start = forms.DateTimeField(label=_("Från"))
    end = forms.DateTimeField(label=_("Till"))
    proposal = forms.ModelChoiceField(
        label=_("E-förslag"), queryset=Proposal.objects.all(), required=False
    )
    note = forms.CharField(
        label=_("Varför ogiltigförklaras rösterna?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("network") and not data.get("mail_domain"):
            raise forms.ValidationError(gettext("Ange ett nätverk eller en e-postdomän."))
        return data

    def votes(self):
        data = self.cleaned_data
        votes = Vote.objects.valid().filter(
            created_at__gte=data["start"], created_at__lt=data["end"]
        )
        if data["network"]:
            votes = votes.filter(network=data["network"])
        if data["mail_domain"]:
            votes = votes.filter(mail_domain=data["mail_domain"].lower())
        if data["proposal"]:
            votes = votes.filter(proposal=data["proposal"])
        return votes

    def criteria(self):
        data = self.cleaned_data
        return {
            "network": data["network"],
            "mail_domain": data["mail_domain"],
            "start": data["start"].isoformat(),
            "end": data["end"].isoformat(),
            "proposal": data["proposal"].pk if data["proposal"] else None,
        }


class TrafficFilterForm(forms.Form):
    """The vote traffic's filter, read from the query string."""

    DEFAULT_DAYS = 7

    dagar = WholeNumberField(
        label=_("Senaste dagar"),
        min_value=1,
        max_value=90,
        required=False,
        help_text=_("Från 1 till 90 dagar. Utan värde visas den senaste veckan."),
        error_messages={
            key: _("Ange antalet dagar som en siffra, från 1 till 90.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    forslag = forms.ModelChoiceField(
        label=_("E-förslag (nummer, valfritt)"),
        queryset=Proposal.objects.all(),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1}),
        error_messages={"invalid_choice": _("Det finns inget e-förslag med det numret.")},
    )

    def days(self):
        return (self.is_valid() and self.cleaned_data["dagar"]) or self.DEFAULT_DAYS

    def proposal(self):
        return self.cleaned_data["forslag"] if self.is_valid() else None
