from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from guarantees.models import Committee, GuaranteePage
from home.years import previous_year

from .models import YearlyFollowUp, guarantee_years


class YearField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("År"),
            coerce=int,
            error_messages={"invalid_choice": _("Välj ett år i listan.")},
            **kwargs,
        )


def follow_up_policy():
    return policy_registry.get_by_type(YearlyFollowUp)


class StartFollowUpForm(forms.Form):
    """Choose the unit and the year; the follow-up is then created with all its commitments.

    Only the units the user may follow up are offered, and only the years those units had a
    guarantee for (see `guarantee_years`); the year must be one of the chosen unit's.
    """

    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=GuaranteePage.objects.none(),
        error_messages={"invalid_choice": _("Välj en enhet i listan.")},
    )
    year = YearField(
        choices=(),
        help_text=_("De år som enheten har haft en kvalitetsgaranti för."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = follow_up_policy().units_for(user).order_by("title")
        self.fields["unit"].queryset = units
        self.years_of = {unit.pk: guarantee_years(unit) for unit in units}
        offered = sorted({y for years in self.years_of.values() for y in years}, reverse=True)
        self.fields["year"].choices = [(year, str(year)) for year in offered]
        if previous_year() in offered:
            self.fields["year"].initial = previous_year()

    def clean(self):
        data = super().clean()
        unit, year = data.get("unit"), data.get("year")
        if unit and year and year not in self.years_of.get(unit.pk, ()):
            raise forms.ValidationError(
                _("%(unit)s hade ingen kvalitetsgaranti för %(year)s.")
                % {"unit": unit.title, "year": year}
            )
        return data


class FollowUpAdminForm(WagtailAdminModelForm):
    """The entry screen: only those who may publish see the publish box as a choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("is_published")
        if field is not None and not follow_up_policy().user_has_permission(
            self.for_user, "publish"
        ):
            field.disabled = True


def report_year_choices():
    """The years there are follow-ups for, and last year (the one usually asked for)."""
    years = set(YearlyFollowUp.objects.values_list("year", flat=True).distinct())
    years.add(previous_year())
    return [(year, str(year)) for year in sorted(years, reverse=True)]


class ReportForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Nämnd"),
        queryset=Committee.objects.all(),
        error_messages={"invalid_choice": _("Välj en nämnd i listan.")},
    )
    year = YearField(choices=report_year_choices, initial=previous_year)
