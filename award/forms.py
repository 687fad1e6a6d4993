"""The public nomination form: the feedback form's spam protection and text cleaning."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback import antispam
from feedback.forms import FORM_KEY_PATTERN, unit_choices
from guarantees.models import GuaranteePage
from home.resident_input import ResidentTextField
from proposals.canonical import canonical_email

REASON_MAX_LENGTH = 2000


class NominationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj en av kategorierna.")},
    )
    unit = forms.TypedChoiceField(
        label=_("Vilken enhet vill du nominera?"),
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Välj en enhet i listan.")},
    )
    reason = ResidentTextField(
        label=_("Varför ska enheten få priset?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Högst %(max)s tecken. Skriv inte namn på personer.")
        % {"max": REASON_MAX_LENGTH},
    )
    email = forms.EmailField(
        label=_("Din e-post"),
        max_length=254,
        help_text=_("Dit skickar vi en länk som bekräftar nomineringen, och juryns beslut."),
        error_messages={"invalid": _("Ange en giltig e-postadress, till exempel namn@exempel.se.")},
    )

    # Spam protection, as on the feedback form (not shown to people).
    website = forms.CharField(label=_("Lämna detta fält tomt"), required=False, max_length=200)
    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    altcha = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_round = award_round
        self.fields["category"].queryset = award_round.categories.all()
        self.fields["unit"].choices = [("", _("Välj enhet"))] + unit_choices()[1:]
        if not self.is_bound and not self.initial.get("form_key"):
            self.initial["form_key"] = secrets.token_urlsafe(24)

    @property
    def challenge(self):
        return antispam.challenge_json(self["form_key"].value() or "")

    def clean_form_key(self):
        key = self.cleaned_data["form_key"]
        if not FORM_KEY_PATTERN.match(key):
            raise forms.ValidationError(
                _("Formuläret har gått ut. Ladda om sidan och försök igen.")
            )
        return key

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Formuläret kunde inte skickas."))
        return ""

    def clean_unit(self):
        unit = GuaranteePage.objects.live().public().filter(pk=self.cleaned_data["unit"]).first()
        if unit is None:
            raise forms.ValidationError(_("Välj en enhet i listan."))
        return unit

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()

    def clean(self):
        data = super().clean()
        payload = data.get("altcha")
        if payload and not antispam.proof_is_valid(payload, data.get("form_key", "")):
            raise forms.ValidationError(
                _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen.")
            )
        if data.get("email"):
            data["canonical"] = canonical_email(data["email"])
        return data


class MotivationForm(forms.Form):
    motivation = ResidentTextField(
        label=_("Juryns motivering"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Visas på prissidan tillsammans med enhetens namn."),
    )
