"""The public nomination form: the feedback form's spam protection and text cleaning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.forms import unit_choices
from guarantees.models import GuaranteePage
from home.antispam import ProtectedForm
from home.resident_input import ResidentEmailField, ResidentTextField, length_hint
from proposals.canonical import canonical_email

REASON_MAX_LENGTH = 2000


class NominationForm(ProtectedForm):
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
        help_text=length_hint(REASON_MAX_LENGTH, _("Skriv inte namn på personer.")),
    )
    email = ResidentEmailField(
        label=_("Din e-post"),
        max_length=254,
        help_text=_("Dit skickar vi en länk som bekräftar nomineringen, och juryns beslut."),
    )

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_round = award_round
        self.fields["category"].queryset = award_round.categories.all()
        self.fields["unit"].choices = [("", _("Välj enhet"))] + unit_choices()[1:]

    def clean_unit(self):
        unit = GuaranteePage.objects.live().public().filter(pk=self.cleaned_data["unit"]).first()
        if unit is None:
            raise forms.ValidationError(_("Välj en enhet i listan."))
        return unit

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()

    def clean(self):
        data = super().clean()
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
