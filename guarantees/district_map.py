"""The site's own map of the districts: an SVG drawn on the server from the districts'
outlines and the units' positions. No tiles, fonts or scripts from anywhere else; every
district and unit on it is a link with a name a screen reader reads.

The projection is equirectangular around the map's middle latitude: at a municipality's scale
it keeps distances and angles as a reader expects.
"""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .places import centroid

WIDTH = 360  # viewBox units; the SVG scales to its box, so this sets text and marker sizes
PADDING = 14
PALETTE = ("#dcebf5", "#e2f0da", "#f7ecd6", "#efe1ee", "#e6e6f6", "#f5e2dc")


@dataclass
class MapDistrict:
    name: str
    points: str
    label_x: float
    label_y: float
    url: str
    label: str
    fill: str


@dataclass
class MapUnit:
    number: int
    name: str
    x: float
    y: float
    url: str


@dataclass
class DistrictMap:
    width: int
    height: int
    districts: list = field(default_factory=list)
    units: list = field(default_factory=list)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _fmt(value):
    return f"{value:.1f}"


def district_map(area, units, districts, request=None):
    """The map of `districts` (District rows) with `units` (the area's, in list order) as
    numbered markers, or None when there is nothing to draw."""
    outlines = [(district, district.corners) for district in districts]
    outlines = [(district, corners) for district, corners in outlines if corners]
    placed = [unit for unit in units if unit.position is not None]
    points = [corner for _, corners in outlines for corner in corners]
    points += [unit.position for unit in placed]
    if not points:
        return None
    south = min(lat for lat, _ in points)
    north = max(lat for lat, _ in points)
    west = min(long for _, long in points)
    east = max(long for _, long in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-6)
    span_y = max(north - south, 1e-6)
    scale = (WIDTH - 2 * PADDING) / max(span_x, span_y * 0.6)
    height = round(span_y * scale + 2 * PADDING)
    offset_x = (WIDTH - 2 * PADDING - span_x * scale) / 2

    def project(lat, long):
        return (
            PADDING + offset_x + (long - west) * squeeze * scale,
            PADDING + (north - lat) * scale,
        )

    counts = {}
    for unit in units:
        counts[unit.district] = counts.get(unit.district, 0) + 1
    area_url = area.get_url(request) or ""
    drawing = DistrictMap(width=WIDTH, height=height)
    for index, (district, corners) in enumerate(outlines):
        label_x, label_y = project(*centroid(corners))
        count = counts.get(district.name, 0)
        drawing.districts.append(
            MapDistrict(
                name=district.name,
                points=" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in (project(*c) for c in corners)),
                label_x=round(label_x, 1),
                label_y=round(label_y, 1),
                url=f"{area_url}?{urlencode({'stadsdel': district.name})}#enheter-rubrik",
                label=(
                    ngettext(
                        "%(district)s: %(count)s enhet",
                        "%(district)s: %(count)s enheter",
                        count,
                    )
                    % {"district": district.name, "count": count}
                    if count
                    else _("%(district)s: ingen enhet") % {"district": district.name}
                ),
                fill=PALETTE[index % len(PALETTE)],
            )
        )
    for number, unit in enumerate(placed, start=1):
        x, y = project(*unit.position)
        drawing.units.append(
            MapUnit(
                number=number,
                name=unit.display_name,
                x=round(x, 1),
                y=round(y, 1),
                url=unit.get_url(request),
            )
        )
    return drawing
