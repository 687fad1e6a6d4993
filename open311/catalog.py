"""What residents can report through Open311: the kinds of feedback per unit and area.

Every published unit offers one service per kind of feedback (opinion, complaint, praise,
suggestion), grouped by its service area; the municipality at large offers the same kinds for
feedback that concerns no particular unit, as /synpunkter/ does. A service code names the unit
and the kind ("42-klagomal", "kommun-berom"), so it stays stable while titles change.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from feedback.models import Dimension, Kind
from guarantees.models import GuaranteePage, ServiceAreaPage

GENERAL = "kommun"
KINDS = "|".join(Kind.values)
CODE_PATTERN = re.compile(rf"^(?P<unit>[1-9][0-9]{{0,9}}|{GENERAL})-(?P<kind>{KINDS})$")

DIMENSION_ATTRIBUTE = "dimension"
COMMITMENT_ATTRIBUTE = "commitment"


@dataclass(frozen=True)
class Service:
    kind: str
    unit: GuaranteePage | None = None
    area_title: str = ""

    @property
    def code(self):
        return f"{self.unit.pk if self.unit else GENERAL}-{self.kind}"

    @property
    def kind_label(self):
        return str(Kind(self.kind).label)

    @property
    def name(self):
        if self.unit is None:
            return _("%(kind)s till kommunen") % {"kind": self.kind_label}
        return _("%(kind)s till %(unit)s") % {"kind": self.kind_label, "unit": self.unit.title}

    @property
    def description(self):
        if self.unit is None:
            return _(
                "%(kind)s som inte gäller någon särskild enhet. Kommunen svarar inom två "
                "arbetsdagar."
            ) % {"kind": self.kind_label}
        return _(
            "%(kind)s om %(unit)s. Gäller det ett av enhetens åtaganden i kvalitetsgarantin, "
            "ange vilket."
        ) % {"kind": self.kind_label, "unit": self.unit.title}

    @property
    def location_required(self):
        """A unit's service is located by the unit; feedback to the municipality at large
        must say where (lat and long, or address_string), as GeoReport v2 asks of a request."""
        return self.unit is None

    @property
    def group(self):
        return self.area_title if self.unit is not None else _("Kommunen")

    @property
    def keywords(self):
        words = [self.kind_label, Kind(self.kind).value]
        if self.unit is not None:
            words += [self.unit.title, self.area_title]
        return ", ".join(word for word in words if word)

    def commitments(self):
        if self.unit is None:
            return []
        return list(self.unit.applicable_commitments().order_by("page__depth", "sort_order", "pk"))

    def attributes(self):
        """The service definition: the dimension always, the commitment for a unit."""
        attributes = [
            {
                "variable": True,
                "code": DIMENSION_ATTRIBUTE,
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": None,
                "order": 1,
                "description": _("Vad gäller det?"),
                "values": [
                    {"key": value, "name": str(label)} for value, label in Dimension.choices
                ],
            }
        ]
        commitments = self.commitments()
        if commitments:
            attributes.append(
                {
                    "variable": True,
                    "code": COMMITMENT_ATTRIBUTE,
                    "datatype": "singlevaluelist",
                    "required": False,
                    "datatype_description": _(
                        "Ange ett åtagande när det du skriver om är ett löfte som inte hölls."
                    ),
                    "order": 2,
                    "description": _("Gäller det ett av våra åtaganden?"),
                    "values": [{"key": str(c.pk), "name": c.title} for c in commitments],
                }
            )
        return attributes


def _units_with_areas():
    """Live, public units in area order, each with its service area's title."""
    areas = {area.path: area.title for area in ServiceAreaPage.objects.live().public().only("path")}
    units = GuaranteePage.objects.live().public().order_by("title")
    pairs = [(areas.get(unit.path[: -unit.steplen], ""), unit) for unit in units]
    return sorted(pairs, key=lambda pair: (pair[0], pair[1].title))


def units():
    """(area title, unit) for every unit that offers services, in area order."""
    return _units_with_areas()


def services():
    listed = [
        Service(kind=kind, unit=unit, area_title=area)
        for area, unit in _units_with_areas()
        for kind in Kind.values
    ]
    return listed + [Service(kind=kind) for kind in Kind.values]


def parse_code(code):
    """(unit pk or None, kind) for a well-formed code, whether or not the unit is live."""
    match = CODE_PATTERN.match(code or "")
    if match is None:
        return None
    unit = match["unit"]
    return (None if unit == GENERAL else int(unit)), match["kind"]


def find(code):
    """The service a code names, among those offered now; None when there is none."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    unit_pk, kind = parsed
    if unit_pk is None:
        return Service(kind=kind)
    unit = GuaranteePage.objects.live().public().filter(pk=unit_pk).first()
    if unit is None:
        return None
    area = unit.get_parent().specific
    area_title = area.title if isinstance(area, ServiceAreaPage) else ""
    return Service(kind=kind, unit=unit, area_title=area_title)


def code_of(case):
    return f"{case.unit_id or GENERAL}-{case.kind}"
