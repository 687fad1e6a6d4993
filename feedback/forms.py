"""The resident's feedback form, embedded in every guarantee and at /synpunkter/."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from guarantees.languages import commitment_title, translations_of
from guarantees.models import Commitment, GuaranteePage, ServiceAreaPage, area_path_of
from home.antispam import ProtectedForm
from home.dates import SwedishDateField
from home.languages import is_source_language
from home.resident_input import (
    ResidentCharField,
    ResidentEmailField,
    ResidentTextField,
    WholeNumberField,
    length_hint,
)
from home.years import FIRST_YEAR, YearField, last_allowed_year
from outbox.languages import current_language

from .models import MESSAGE_MAX_LENGTH, REPLY_MAX_LENGTH, Dimension, Kind, display_name

# The one name of "no particular unit", in the form, on the receipt and in the staff's views.
NO_UNIT = _("Ingen särskild enhet")


def unit_choices():
    """Units grouped by service area, for a <select> with optgroups."""
    choices = [("", NO_UNIT)]
    areas = ServiceAreaPage.objects.in_source_language().live().public().order_by("title")
    units = GuaranteePage.objects.in_source_language().live().public().order_by("title")
    by_area = {}
    for unit in units:
        by_area.setdefault(area_path_of(unit), []).append(unit)
    for area in areas:
        members = by_area.get(area.path, [])
        if members:
            choices.append((area.title, [(str(u.pk), u.title) for u in members]))
    return choices


class CommitmentChoiceField(forms.ModelChoiceField):
    """The unit's Swedish commitments (what the case records), each named in the reader's
    language where it is translated (guarantees/languages.py)."""

    translations = None

    def label_from_instance(self, obj):
        if is_source_language():
            return obj.title
        if self.translations is None:
            self.translations = translations_of(list(self.queryset))
        return commitment_title(obj, self.translations)


class FeedbackForm(ProtectedForm):
    kind = forms.ChoiceField(
        label=_("Vad vill du lämna?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj om det är en synpunkt, ett klagomål, beröm eller ett förslag.")
        },
    )
    dimension = forms.ChoiceField(
        label=_("Vad gäller det?"),
        choices=Dimension.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad det gäller.")},
    )
    # Radios, not a list box: each promise is a sentence that must be read whole, also on a
    # phone, where a closed list box cuts it off.
    commitment = CommitmentChoiceField(
        label=_("Gäller det ett av våra löften?"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        blank=True,  # radios offer the empty choice only when told so
        empty_label=_("Nej, inget särskilt löfte"),
        help_text=_(
            "Välj ett löfte om det du skriver handlar om det. Har vi inte hållit löftet, "
            "välj ”Klagomål” ovan."
        ),
        error_messages={"invalid_choice": _("Välj ett av löftena i listan.")},
    )
    message = ResidentTextField(
        label=_("Ditt meddelande"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=length_hint(MESSAGE_MAX_LENGTH),
        error_messages={"required": _("Skriv ditt meddelande.")},
    )
    anonymous = forms.BooleanField(label=_("Jag vill vara anonym"), required=False)
    name = ResidentCharField(label=_("Namn"), max_length=200, required=False)
    email = ResidentEmailField(
        label=_("E-post"),
        max_length=254,
        required=False,
        help_text=_("Dit skickar vi kvittens och svar."),
    )
    phone = ResidentCharField(label=_("Telefon"), max_length=40, required=False)
    wants_reply = forms.BooleanField(label=_("Jag vill ha svar"), required=False)

    def __init__(self, *args, unit=None, pick_unit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_page = unit
        if unit is not None:
            self.fields["commitment"].queryset = unit.applicable_commitments()
        else:
            del self.fields["commitment"]
        if pick_unit:
            self.fields["unit"] = forms.TypedChoiceField(
                label=_("Vilken enhet gäller det?"),
                choices=unit_choices(),
                required=False,
                coerce=int,
                empty_value=None,
                error_messages={"invalid_choice": _("Välj en enhet i listan.")},
            )
            self.order_fields(["unit", "kind", "dimension"])

    def broken_promise(self):
        """What the form reports, as a case not yet stored: the promise it names and what the
        unit's guarantee promises when one is broken (the notice above the message). Its
        `promise` is empty unless the resident chose, or a link preselected, a complaint about
        one of the unit's commitments."""
        if "commitment" not in self.fields or self.unit_page is None:
            return None
        from .models import Feedback

        case = Feedback(unit=self.unit_page, kind=self["kind"].value() or "")
        chosen = str(self["commitment"].value() or "")
        if chosen.isascii() and chosen.isdigit() and 0 < int(chosen) < 2**63:
            case.commitment = self.fields["commitment"].queryset.filter(pk=int(chosen)).first()
        case.keep_promise()
        case.copy_remedy_of(self.unit_page)  # shown by script once a promise is chosen
        # The promise as its choice names it: in the reader's language where translated.
        field = self.fields["commitment"]
        case.shown_promise = field.label_from_instance(case.commitment) if case.commitment else ""
        return case

    def clean_unit(self):
        pk = self.cleaned_data.get("unit")
        if pk is None:
            return None
        unit = GuaranteePage.objects.live().public().filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError(_("Välj en enhet i listan."))
        return unit

    # What a resident who ticked "anonym" is told at each contact field they also filled in:
    # dropping it silently would leave them waiting for a reply that cannot come.
    ANONYMOUS_CONFLICTS = {
        "name": _(
            "Du har kryssat i att du vill vara anonym. Ta bort ditt namn, eller kryssa ur "
            "”Jag vill vara anonym”."
        ),
        "email": _(
            "Du har kryssat i att du vill vara anonym. Ta bort e-postadressen, eller kryssa ur "
            "”Jag vill vara anonym” om du vill att vi kan nå dig."
        ),
        "phone": _(
            "Du har kryssat i att du vill vara anonym. Ta bort telefonnumret, eller kryssa ur "
            "”Jag vill vara anonym” om du vill att vi kan nå dig."
        ),
        "wants_reply": _(
            "Vi kan inte svara dig när du är anonym. Kryssa ur ”Jag vill ha svar” eller "
            "”Jag vill vara anonym”."
        ),
    }

    def clean(self):
        data = super().clean()
        if data.get("anonymous"):
            for name, message in self.ANONYMOUS_CONFLICTS.items():
                if data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        elif (
            data.get("wants_reply")
            and "email" not in self.errors
            and not (data.get("email") or data.get("phone"))
        ):
            self.add_error("email", _("Ange e-post eller telefon om du vill att vi svarar dig."))
        return data

    def case_fields(self):
        data = self.cleaned_data
        unit = data.get("unit") if "unit" in self.fields else self.unit_page
        return {
            "unit": unit,
            "kind": data["kind"],
            "dimension": data["dimension"],
            "commitment": data.get("commitment"),
            "message": data["message"].strip(),
            "anonymous": data["anonymous"],
            "name": data["name"].strip(),
            "email": data["email"],
            "phone": data["phone"].strip(),
            "wants_reply": data["wants_reply"],
            "submission_key": data["form_key"],
            "language": current_language(),
        }


TOO_LONG = _("Texten får vara högst %(limit_value)s tecken lång. Nu är den %(show_value)s tecken.")


class PreselectForm(forms.Form):
    """What a link may preselect in the feedback form: `?enhet=<unit>`, `?atagande=<commitment>`.

    Read through a form, not str.isdigit(): "²".isdigit() is true and int("²") fails.
    """

    # Primary keys are PostgreSQL bigints: a larger number names nothing.
    enhet = WholeNumberField(min_value=1, max_value=2**63 - 1, required=False)
    atagande = WholeNumberField(min_value=1, max_value=2**63 - 1, required=False)

    @classmethod
    def read(cls, query):
        """The valid parameters of `query` as a dict; an invalid one is simply left out."""
        form = cls(query)
        form.is_valid()
        return {name: value for name, value in form.cleaned_data.items() if value is not None}


# What a reply template leaves for the handler to write: "[vad vi gör]".
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


class ReplyForm(forms.Form):
    reply = ResidentTextField(
        label=_("Svar till den som lämnat synpunkten"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Hela brevet, med hälsning. Invånaren får det som du skriver det här."),
        error_messages={"max_length": TOO_LONG, "required": _("Skriv ett svar.")},
    )

    def clean_reply(self):
        reply = self.cleaned_data["reply"]
        left = PLACEHOLDER.findall(reply)
        if left:
            raise forms.ValidationError(
                _("Ersätt det som står inom hakparenteser i mallen: %(left)s")
                % {"left": ", ".join(dict.fromkeys(left))}
            )
        return reply


class ActionForm(forms.Form):
    action = ResidentTextField(
        label=_("Åtgärd"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Vad enheten har gjort eller kommer att göra med anledning av synpunkten. "
            "Invånaren läser det här på sin uppföljningssida."
        ),
        error_messages={"max_length": TOO_LONG, "required": _("Beskriv åtgärden.")},
    )


class StaffChoiceField(forms.ModelChoiceField):
    """Colleagues by name, not by user name."""

    def label_from_instance(self, obj):
        return display_name(obj)


class AssignForm(forms.Form):
    handler = StaffChoiceField(
        label=_("Handläggare"),
        queryset=None,
        empty_label=_("Välj handläggare"),
    )

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class NoteForm(forms.Form):
    note = ResidentTextField(
        label=_("Intern anteckning"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Syns bara för kollegor, aldrig för den som lämnat synpunkten."),
        error_messages={"max_length": TOO_LONG, "required": _("Skriv en anteckning.")},
    )


class MoveForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Flytta till enhet"),
        queryset=GuaranteePage.objects.in_source_language().live().order_by("title"),
        help_text=_("Den nya enhetens handläggare får ett mejl. Svarstiden ändras inte."),
        error_messages={"required": _("Välj en enhet."), "invalid_choice": _("Välj en enhet.")},
    )


class ReplyTemplateChoice(forms.Form):
    """`?mall=<id>` on the reply page: start from that reply template."""

    mall = WholeNumberField(min_value=1, max_value=2**31 - 1, required=False)

    def chosen(self):
        return self.cleaned_data["mall"] if self.is_valid() else None


DATE_HINT = _("Till exempel 2026-01-31, 31/1 2026 eller 31 januari 2026.")


class PeriodForm(forms.Form):
    """The compilation's period: a year, or any span of days the site has figures for."""

    MAX_DAYS = 10 * 366

    ar = YearField(label=_("År"), required=False)
    fran = SwedishDateField(label=_("eller från"), required=False, help_text=DATE_HINT)
    till = SwedishDateField(label=_("till och med"), required=False, help_text=DATE_HINT)

    def clean(self):
        data = super().clean()
        first, last = data.get("fran"), data.get("till")
        if (first is None) != (last is None) and not self.errors:
            raise forms.ValidationError(_("Ange både från- och tilldatum, eller ett år."))
        if first and last:
            earliest = datetime.date(FIRST_YEAR, 1, 1)
            latest = datetime.date(last_allowed_year(), 12, 31)
            if not (earliest <= first <= latest and earliest <= last <= latest):
                raise forms.ValidationError(
                    _("Datumen ska ligga mellan %(first)s och %(last)s.")
                    % {"first": earliest.isoformat(), "last": latest.isoformat()}
                )
            if last < first:
                raise forms.ValidationError(_("Tilldatum ska vara samma dag som eller efter från."))
            if (last - first).days > self.MAX_DAYS:
                raise forms.ValidationError(_("Välj en period på högst tio år."))
        return data

    def days(self, today):
        """(first, last) day of the chosen period; this year when nothing valid was chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("fran") and data.get("till"):
            return data["fran"], data["till"]
        year = data.get("ar") or today.year
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class CompilationForm(PeriodForm):
    """The compilation's period, the units it covers, and what to download.

    `units` are the units the user may compile; the area list holds only their areas, and a
    unit or area outside them is refused at its field, as is a unit outside the chosen area.
    """

    DOWNLOADS = [("csv", "CSV"), ("xlsx", "XLSX")]

    omrade = forms.ChoiceField(
        label=_("Verksamhetsområde"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett av verksamhetsområdena i listan.")},
    )
    enhet = forms.ChoiceField(
        label=_("Enhet"),
        required=False,
        help_text=_("Med ett verksamhetsområde valt: en enhet inom det, eller alla enheter."),
        error_messages={"invalid_choice": _("Välj en av enheterna i listan.")},
    )
    format = forms.ChoiceField(
        choices=DOWNLOADS,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Filen kan laddas ner som CSV eller XLSX.")},
    )
    tabell = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Den tabellen finns inte i sammanställningen.")},
    )

    def __init__(self, *args, units, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units.only("pk", "title", "path", "depth")}
        self.unit_area = ServiceAreaPage.of_units(self.units.values())
        areas = {area.pk: area for area in self.unit_area.values() if area is not None}
        self.areas = dict(sorted(areas.items(), key=lambda item: item[1].title))
        self.fields["omrade"].choices = [("", _("Alla verksamhetsområden"))] + [
            (str(pk), area.title) for pk, area in self.areas.items()
        ]
        # Units grouped under their areas, so the list reads as the site does.
        grouped = []
        for area in self.areas.values():
            members = sorted(
                (u for u in self.units.values() if self.unit_area[u.pk] == area),
                key=lambda u: u.title,
            )
            grouped.append((area.title, [(str(u.pk), u.title) for u in members]))
        loose = sorted(
            (u for u in self.units.values() if self.unit_area[u.pk] is None), key=lambda u: u.title
        )
        grouped += [(str(u.pk), u.title) for u in loose]
        self.fields["enhet"].choices = [("", _("Alla enheter"))] + grouped
        self.fields["tabell"].choices = [(slug, title) for slug, title in tables]

    def clean_omrade(self):
        value = self.cleaned_data["omrade"]
        return self.areas[int(value)] if value else None

    def clean_enhet(self):
        value = self.cleaned_data["enhet"]
        return self.units[int(value)] if value else None

    def clean(self):
        data = super().clean()
        area, unit = data.get("omrade"), data.get("enhet")
        if area and unit and self.unit_area[unit.pk] != area:
            self.add_error(
                "enhet",
                _("%(unit)s hör inte till %(area)s. Välj en enhet i området eller alla enheter.")
                % {"unit": unit.title, "area": area.title},
            )
        if data.get("format") == "csv" and not data.get("tabell") and "tabell" not in self.errors:
            self.add_error("tabell", _("Välj vilken tabell som ska laddas ner som CSV."))
        return data

    def chosen_units(self, everything):
        """The units to compile: the chosen unit, the chosen area's units, or all the user's
        units (None when `everything`: every unit and feedback about no particular unit)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("enhet"):
            return [data["enhet"]]
        if data.get("omrade"):
            area = data["omrade"]
            return [u for u in self.units.values() if self.unit_area[u.pk] == area]
        return None if everything else list(self.units.values())

    def scope(self, everything):
        """The units chosen, in words, for the page and the summary sheet."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("enhet"):
            unit = data["enhet"]
            area = self.unit_area[unit.pk]
            return f"{unit.title} ({area.title})" if area else unit.title
        if data.get("omrade"):
            return _("Alla enheter inom %(area)s") % {"area": data["omrade"].title}
        return _("Alla enheter") if everything else _("Dina enheter")
