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
LABEL_SIZE = 15  # font size of a district's name, in viewBox units (guarantee.css)
MARKER_RADIUS = 11
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
    lines: list = field(default_factory=list)

    @property
    def label_lines(self):
        """(text, dy in em) per line, the block centred on the label's point."""
        first = -0.6 * (len(self.lines) - 1) + 0.35
        return [(line, first if i == 0 else 1.2) for i, line in enumerate(self.lines)]


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
    marker_radius: int = MARKER_RADIUS

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _fmt(value):
    return f"{value:.1f}"


def _inside(point, polygon):
    """Ray casting on projected (x, y) points."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _lines(name, polygon):
    """The name on one line, or on two when it is wider than the district."""
    width = max(x for x, _ in polygon) - min(x for x, _ in polygon)
    words = name.split()
    if len(words) > 1 and _text_width(name) > width * 0.8:
        middle = len(words) // 2
        return [" ".join(words[:middle]), " ".join(words[middle:])]
    return [name]


def _text_width(text):
    return 0.6 * LABEL_SIZE * len(text)


def _place_label(polygon, centre, lines, markers):
    """A point for the district's name inside its outline, clear of the units' markers if it
    can be: the centre, or the nearest point to it on the way towards a corner that is."""
    half_width = max(_text_width(line) for line in lines) / 2
    half_height = 0.6 * LABEL_SIZE * len(lines)
    candidates = [centre]
    for fraction in (0.2, 0.35, 0.5):
        for x, y in polygon:
            candidates.append(
                (centre[0] + (x - centre[0]) * fraction, centre[1] + (y - centre[1]) * fraction)
            )
    clearance = MARKER_RADIUS + 2

    def collisions(point):
        x, y = point
        return sum(
            1
            for mx, my in markers
            if abs(mx - x) < half_width + clearance and abs(my - y) < half_height + clearance
        )

    def fits(point):
        x, y = point
        return _inside((x, y), polygon) and _inside((x, y - half_height / 2), polygon)

    inside = [point for point in candidates if fits(point)] or [centre]
    return min(
        inside,
        key=lambda p: (collisions(p), math.hypot(p[0] - centre[0], p[1] - centre[1])),
    )


def district_map(area, units, districts, request=None, per_district=None):
    """The map of `districts` (District rows) with `units` (the area's, in list order) as
    numbered markers, or None when there is nothing to draw. `per_district` ({district name:
    the area's units there}) counts the units for the districts' labels when `units` are not
    all of them (one page of the list); without it `units` are counted."""
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

    counts = per_district
    if counts is None:
        counts = {}
        for unit in units:
            counts[unit.district] = counts.get(unit.district, 0) + 1
    area_url = area.get_url(request) or ""
    drawing = DistrictMap(width=WIDTH, height=height)
    markers = [project(*unit.position) for unit in placed]
    for index, (district, corners) in enumerate(outlines):
        polygon = [project(*corner) for corner in corners]
        lines = _lines(district.name, polygon)
        label_x, label_y = _place_label(polygon, project(*centroid(corners)), lines, markers)
        count = counts.get(district.name, 0)
        drawing.districts.append(
            MapDistrict(
                name=district.name,
                points=" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in polygon),
                label_x=round(label_x, 1),
                label_y=round(label_y, 1),
                lines=lines,
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
