from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from guarantees.models import Committee, GuaranteePage
from home.years import previous_year

from .models import OUTCOME_REQUIRED, Outcome, YearlyFollowUp, guarantee_years, outcomes_missing


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
    """The entry screen. A draft saves with outcomes missing; "Klar för granskning" needs them
    all, and says so at the box and at each row that lacks one. The rows themselves are fixed
    (panels.FixedRowsFormSet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = self.formsets.get("outcomes")
        for form in rows.forms if rows is not None else ():
            field = form.fields.get("outcome")
            if field is not None:
                field.choices = [("", _("Inte ifyllt än")), *Outcome.choices]

    def clean(self):
        data = super().clean()
        rows = self.formsets.get("outcomes")
        if not data.get("ready_for_review") or rows is None or not rows.is_valid():
            return data
        missing = [form for form in rows.forms if not form.cleaned_data.get("outcome")]
        for form in missing:
            form.add_error("outcome", OUTCOME_REQUIRED)
        if missing:
            self.add_error("ready_for_review", outcomes_missing(len(missing)))
        return data

    @property
    def becomes_ready(self):
        return "ready_for_review" in self.changed_data and self.cleaned_data["ready_for_review"]

    @property
    def changes_anything(self):

        return self.has_changed() or any(
            form.has_changed() for formset in self.formsets.values() for form in formset.forms
        )


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
