"""The residents' ways to find a unit: filters on an area's list and the home page's finder.

Both read the query string, so they work without JavaScript and their results can be linked
to. The parameters are Swedish (`?stadsdel=Norrby&driftsform=enskild`), like every path.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GuaranteePage, ProviderKind, ServiceAreaPage

DISTRICT = "stadsdel"
PROVIDER_KIND = "driftsform"
AREA = "omrade"


def swedish_order(text):
    """A sort key that puts å, ä and ö after z, in that order, as a Swedish reader expects."""
    return text.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


def district_choices(districts, everywhere):
    return [("", everywhere), *((d, d) for d in sorted(set(districts), key=swedish_order))]


class UnitFilterForm(forms.Form):
    """Filters on an area's list of units. A value that is not one of the choices (a crafted
    URL, a district no unit has any more) is reported and left out; the other filters still
    apply."""

    stadsdel = forms.ChoiceField(label=_("Stadsdel"), required=False)
    driftsform = forms.ChoiceField(
        label=_("Driftsform"),
        required=False,
        choices=[("", _("Kommunala och enskilda")), *ProviderKind.choices],
        help_text=_("Enskilda enheter drivs av ett företag eller en förening."),
    )

    def __init__(self, data, districts):
        super().__init__(data)
        self.fields[DISTRICT].choices = district_choices(districts, _("Alla stadsdelar"))

    def filter(self, units):
        """`units` narrowed by the valid filters."""
        self.is_valid()
        district = self.cleaned_data.get(DISTRICT)
        if district:
            units = units.filter(district=district)
        return ProviderKind.filter(units, self.cleaned_data.get(PROVIDER_KIND))

    @property
    def is_filtering(self):
        return bool(self.cleaned_data.get(DISTRICT) or self.cleaned_data.get(PROVIDER_KIND))


class FindUnitForm(forms.Form):
    """The home page's "Hitta en verksamhet": an area and, if the reader likes, a district."""

    omrade = forms.ModelChoiceField(
        label=_("Verksamhet"),
        queryset=ServiceAreaPage.objects.none(),
        to_field_name="slug",
        empty_label=None,
    )
    stadsdel = forms.ChoiceField(label=_("Stadsdel"), required=False)

    def __init__(self, data=None, *, root):
        super().__init__(data)
        areas = ServiceAreaPage.objects.child_of(root).live().public().order_by("path")
        self.fields[AREA].queryset = areas
        districts = (
            GuaranteePage.objects.descendant_of(root)
            .live()
            .public()
            .exclude(district="")
            .values_list("district", flat=True)
            .distinct()
        )
        self.fields[DISTRICT].choices = district_choices(districts, _("Alla stadsdelar"))
