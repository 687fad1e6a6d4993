from django import forms
from django.utils.translation import gettext_lazy as _

from guarantees.models import Committee, GuaranteePage
from home.years import FIRST_YEAR, last_allowed_year, previous_year


def year_choices():
    return [(year, str(year)) for year in range(last_allowed_year(), FIRST_YEAR - 1, -1)]


class YearField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("År"),
            choices=year_choices,
            coerce=int,
            error_messages={"invalid_choice": _("Välj ett år i listan.")},
            **kwargs,
        )


class StartFollowUpForm(forms.Form):
    """Choose the unit and the year; the follow-up is then created with all its commitments."""

    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=GuaranteePage.objects.order_by("title"),
        error_messages={"invalid_choice": _("Välj en enhet i listan.")},
    )
    year = YearField(initial=previous_year)


class ReportForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Nämnd"),
        queryset=Committee.objects.all(),
        error_messages={"invalid_choice": _("Välj en nämnd i listan.")},
    )
    year = YearField(initial=previous_year)
