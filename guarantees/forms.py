"""The residents' ways to find a unit: filters on an area's list and the home page's finder.

Both read the query string, so they work without JavaScript and their results can be linked
to. The parameters are Swedish (`?stadsdel=Norrby&driftsform=enskild`), like every path.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.resident_input import ResidentCharField, ResidentForm

from . import places
from .models import GuaranteePage, ProviderKind, ServiceAreaPage

DISTRICT = "stadsdel"
PROVIDER_KIND = "driftsform"
AREA = "omrade"
ADDRESS = "adress"


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

    @property
    def district(self):
        return self.cleaned_data.get(DISTRICT, "")

    @property
    def provider_kind(self):
        return self.cleaned_data.get(PROVIDER_KIND, "")


class AddressForm(ResidentForm):
    """ "Närmast en adress": a street address matched against the municipality's own address
    list (guarantees/places.py). Nothing typed here is stored; the address is looked up and
    forgotten, and the answer is not kept by any shared cache."""

    adress = ResidentCharField(
        label=_("Gatuadress"),
        max_length=150,
        required=False,
        help_text=_("Gata och nummer, t.ex. ”Storgatan 20”. Lägg till orten om du vill."),
    )

    def clean_adress(self):
        text = self.cleaned_data.get(ADDRESS, "")
        if not text:
            return ""
        typed = places.read_address(text)
        if typed is None:
            raise forms.ValidationError(
                _("Skriv gatan och numret, t.ex. ”Storgatan 20”."), code="format"
            )
        try:
            self.entry = places.find_address(typed)
        except places.AddressNotFound:
            raise forms.ValidationError(
                _(
                    "Vi hittar inte ”%(address)s” i kommunens adresslista. Kontrollera "
                    "stavningen, eller välj stadsdel i stället."
                ),
                code="not_found",
                params={"address": text},
            ) from None
        except places.AddressAmbiguous as ambiguous:
            raise forms.ValidationError(
                _("Adressen finns på flera orter: %(localities)s. Skriv orten också."),
                code="ambiguous",
                params={"localities": ", ".join(ambiguous.localities)},
            ) from None
        return text

    @property
    def origin(self):
        """The matched entry of the address list, or None."""
        if self.is_valid() and self.cleaned_data.get(ADDRESS):
            return self.entry
        return None

    @property
    def is_asked(self):
        return bool(self.data.get(ADDRESS))


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
