"""Where units and districts are: distances, the municipality's address list, district
centres and the site's own map of the districts.

Everything here works on the site's own data. Nothing a resident types or where a resident is
gets stored: a typed address is looked up and forgotten, and "Närmast mig" never reaches the
server at all (guarantees/static/guarantees/near-me.js).
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

EARTH_RADIUS_KM = 6371.0
# How many units of the right kind the finder offers when a district has none.
NEAREST_OFFERED = 3
MAX_CORNERS = 500


class OutlineError(ValueError):
    """An outline an editor typed that cannot be drawn; the message is Swedish."""


def _number(text):
    return float(text.strip().replace(",", ".").replace("\u2212", "-"))


def parse_corner(line):
    """(latitude, longitude) from "59.6123 16.4987", "59.6123; 16.4987", "59.6123, 16.4987"
    or, with decimal commas, "59,6123 16,4987"."""
    line = line.strip()
    if ";" in line:
        parts = line.split(";")
    elif re.search(r"\s", line):
        parts = [part.rstrip(",") for part in line.split()]
    else:
        parts = line.split(",")
    parts = [part for part in parts if part.strip()]
    if len(parts) != 2:
        raise ValueError(line)
    latitude, longitude = (_number(part) for part in parts)
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ValueError(line)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(line)
    return (latitude, longitude)


def parse_outline(text):
    """[(latitude, longitude), ...] from one corner per line; OutlineError names the line."""
    corners = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            corners.append(parse_corner(line))
        except ValueError:
            raise OutlineError(
                _(
                    "Rad %(line)s går inte att läsa som ett hörn. Skriv latitud och longitud "
                    "med mellanslag emellan, t.ex. ”59.6123 16.4987”."
                )
                % {"line": number}
            ) from None
    if len(corners) < 3:
        raise OutlineError(_("En gräns behöver minst tre hörn."))
    if len(corners) > MAX_CORNERS:
        raise OutlineError(_("En gräns får ha högst %(max)s hörn.") % {"max": MAX_CORNERS})
    return corners


def distance_km(a, b):
    """Great-circle distance between two (latitude, longitude) points (haversine).
    The same formula as near-me.js, so both sort alike."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def centroid(corners):
    """The centre of a polygon's area (shoelace formula), good for a district's label and
    for distances from the district; the corners' mean if the polygon has no area."""
    area = cx = cy = 0.0
    for (y0, x0), (y1, x1) in zip(corners, corners[1:] + corners[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return (
            sum(lat for lat, _ in corners) / len(corners),
            sum(long for _, long in corners) / len(corners),
        )
    return (cy / (3 * area), cx / (3 * area))


@dataclass
class Placed:
    """A unit with its distance from the point the resident asked about."""

    unit: object
    distance: float | None

    @property
    def distance_text(self):
        return format_distance(self.distance)


def format_distance(km):
    """ "350 m", "1,2 km", "12 km": as a Swedish reader says it."""
    if km is None:
        return ""
    if km < 1:
        return _("%(metres)s m") % {"metres": max(10, round(km * 100) * 10)}
    if km < 10:
        return _("%(km)s km") % {"km": f"{km:.1f}".replace(".", ",")}
    return _("%(km)s km") % {"km": round(km)}


def by_distance(units, origin):
    """`units` as `Placed`, nearest `origin` first; units without a position last, by name."""
    placed = [
        Placed(unit, distance_km(origin, unit.position) if unit.position else None)
        for unit in units
    ]
    return sorted(
        placed,
        key=lambda p: (p.distance is None, p.distance or 0, p.unit.display_name),
    )


def arrange(shown, of_kind, *, district="", origin=None):
    """The units to list, as `Placed`, and the district they are nearest to (or "").

    `shown` are the units the filters kept, `of_kind` every unit of the chosen provider kind
    (a queryset, read only when needed). With an address (`origin`, a StreetAddress) the units
    are sorted by distance from it. A district where none was kept offers the nearest units of
    the kind to the district's centre instead, or every unit of the kind when its place is
    unknown: never an empty list that says nothing."""
    if origin is not None:
        return by_distance(shown or list(of_kind), origin.position), ""
    if district and not shown:
        centre = district_centres().get(district)
        if centre is not None:
            nearest = [
                entry for entry in by_distance(of_kind, centre) if entry.distance is not None
            ]
            if nearest:
                return nearest[:NEAREST_OFFERED], district
        return [Placed(unit, None) for unit in of_kind], ""
    return [Placed(unit, None) for unit in shown], ""


def district_centres():
    """{district name: (latitude, longitude)}: the centre of each district's outline, or, for
    a district without one, the mean position of the units there (of every area)."""
    from .models import District, GuaranteePage

    centres = {}
    for district in District.objects.all():
        if district.corners:
            centres[district.name] = centroid(district.corners)
    positions = {}
    for name, lat, long in (
        GuaranteePage.objects.live()
        .public()
        .exclude(district="")
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values_list("district", "latitude", "longitude")
    ):
        positions.setdefault(name, []).append((float(lat), float(long)))
    for name, points in positions.items():
        if name not in centres:
            centres[name] = (
                sum(p[0] for p in points) / len(points),
                sum(p[1] for p in points) / len(points),
            )
    return centres


def known_districts():
    """Every district the site knows: those with an outline and those a published unit names."""
    from .models import District, GuaranteePage

    named = (
        GuaranteePage.objects.live()
        .public()
        .exclude(district="")
        .values_list("district", flat=True)
        .distinct()
    )
    return set(named) | set(District.objects.values_list("name", flat=True))


# --- The address list -----------------------------------------------------------------

ADDRESS_PATTERN = re.compile(
    r"""^\s*
    (?P<street>[^\d,]*[^\d\s,])          # the street: letters, spaces, dots, hyphens
    \s+(?P<number>\d{1,4}\s?[a-zA-ZåäöÅÄÖ]?)\b  # its number, maybe with a letter: 12, 4B, 4 b
    (?:\s*,?\s*(?P<postcode>\d{3}\s?\d{2}))?    # maybe a postcode
    (?:\s*,?\s*(?P<locality>[^\d,]+?))?         # maybe a locality
    \s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class TypedAddress:
    street: str
    number: str
    postcode: str
    locality: str


def normalise_number(number):
    """ "4 b" and "4B" are the same entry."""
    return re.sub(r"\s+", "", number).upper()


def normalise_postcode(postcode):
    return re.sub(r"\s+", "", postcode or "")


def read_address(text):
    """The parts of a typed address, or None when it is not "street number[, place]"."""
    match = ADDRESS_PATTERN.match(" ".join(text.split()))
    if match is None:
        return None
    return TypedAddress(
        street=match["street"].strip(" ."),
        number=normalise_number(match["number"]),
        postcode=normalise_postcode(match["postcode"]),
        locality=(match["locality"] or "").strip(),
    )


class AddressNotFound(Exception):
    pass


class AddressAmbiguous(Exception):
    def __init__(self, localities):
        super().__init__(localities)
        self.localities = localities


def find_address(typed):
    """The address list's entry for `typed` (a TypedAddress). AddressNotFound when there is
    none; AddressAmbiguous when the same street and number are in several localities and the
    resident named none of them."""
    from .models import StreetAddress

    entries = StreetAddress.objects.filter(street__iexact=typed.street, number=typed.number)
    if typed.postcode:
        entries = entries.filter(postcode=typed.postcode)
    if typed.locality:
        entries = entries.filter(locality__iexact=typed.locality)
    entries = list(entries[:10])
    if not entries:
        raise AddressNotFound
    if len({entry.locality for entry in entries}) > 1:
        raise AddressAmbiguous(sorted({entry.locality for entry in entries}))
    return entries[0]
