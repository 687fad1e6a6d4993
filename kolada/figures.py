"""Key-figure trends as readers see them: series over years, a table and a server-drawn SVG."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.numbers import swedish_number

from .models import DEMO_SOURCE, Gender, KoladaSettings, Kpi, Scope, Value

# Markers differ in shape as well as colour, so that no series is told by colour alone.
MARKERS = ["circle", "square", "diamond", "triangle"]
# Stroke colours with at least 3:1 contrast against white (WCAG 1.4.11), and dash patterns.
STROKES = [("#1f5fa6", ""), ("#a34700", "6 3"), ("#2e7d32", "2 3"), ("#6a1b9a", "8 3 2 3")]


def _style(index):
    stroke, dash = STROKES[index % len(STROKES)]
    return {"index": index, "marker": MARKERS[index % len(MARKERS)], "stroke": stroke, "dash": dash}


@dataclass
class Series:
    label: str
    points: dict  # {year: value or None}
    index: int = 0

    @property
    def latest(self):
        years = [year for year, value in self.points.items() if value is not None]
        return (max(years), self.points[max(years)]) if years else (None, None)


@dataclass
class Trend:
    kpi_id: str
    kpi: Kpi | None
    series: list
    years: list
    fetched_at: object = None
    chart: dict | None = field(default=None)
    is_demo: bool = False  # every value shown was made up by the demo, none fetched

    @property
    def title(self):
        return self.kpi.title if self.kpi else self.kpi_id

    @property
    def has_values(self):
        return any(value is not None for s in self.series for value in s.points.values())

    def shown(self, value):
        return format_value(value)

    def rows_by_year(self):
        """[(year, [shown value per series])], newest first."""
        return [
            (year, [format_value(s.points.get(year)) for s in self.series])
            for year in sorted(self.years, reverse=True)
        ]

    def rows_by_series(self):
        """[(series, [shown value per year])], years oldest first."""
        return [(s, [format_value(s.points.get(year)) for year in self.years]) for s in self.series]

    @property
    def description(self):
        """The chart in words: each series' values year by year."""
        parts = []
        for s in self.series:
            shown = ", ".join(
                f"{year} {format_value(s.points[year])}"
                for year in self.years
                if s.points.get(year) is not None
            )
            parts.append(f"{s.label}: {shown or _('uppgift saknas')}.")
        return " ".join(parts)

    def latest(self):
        """[(series, year, shown value)] of each series' latest value."""
        result = []
        for s in self.series:
            year, value = s.latest
            result.append((s, year, format_value(value)))
        return result


def format_value(value):
    if value is None:
        return "–"
    return swedish_number(round(value, 1), decimal_pos=1)


def settings_for(request=None):
    if request is not None:
        return KoladaSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    return KoladaSettings.for_site(site) if site else KoladaSettings()


def _values(kpi_ids, places):
    """{(kpi, scope, entity): {year: value}} for the total (not split by gender)."""
    wanted = Q(pk__in=[])
    for scope, entity in places:
        wanted |= Q(scope=scope, entity=entity)
    found = {}
    fetched = {}
    sources = {}
    for row in Value.objects.filter(kpi__in=kpi_ids, gender=Gender.TOTAL).filter(wanted):
        found.setdefault((row.kpi, row.scope, row.entity), {})[row.period] = row.value
        fetched[row.kpi] = max(fetched.get(row.kpi, row.fetched_at), row.fetched_at)
        sources.setdefault(row.kpi, set()).add(row.source)
    return found, fetched, sources


def comparison_places(config):
    """[(scope, entity, label)] of the municipality, its group and the country."""
    places = []
    if config.municipality_id:
        places.append((Scope.MUNICIPALITY, config.municipality_id, _("Kommunen")))
    if config.comparison_group_id:
        places.append((Scope.GROUP, config.comparison_group_id, str(config.group_label)))
    places.append((Scope.NATIONAL, "0000", _("Riket")))
    return places


def trends(kpi_ids, places, years=None):
    """One Trend per key figure, a series per place ([(scope, entity, label)]), in two queries."""
    kpi_ids = list(dict.fromkeys(kpi_ids))
    catalogue = Kpi.objects.in_bulk(kpi_ids)
    found, fetched, sources = _values(
        kpi_ids, [(scope, entity) for scope, entity, _label in places]
    )
    result = []
    for kpi_id in kpi_ids:
        series = [
            Series(label=label, points=found.get((kpi_id, scope, entity), {}), index=index)
            for index, (scope, entity, label) in enumerate(places)
        ]
        shown_years = years or sorted({year for s in series for year in s.points})
        trend = Trend(
            kpi_id=kpi_id,
            kpi=catalogue.get(kpi_id),
            series=series,
            years=list(shown_years),
            fetched_at=fetched.get(kpi_id),
            is_demo=sources.get(kpi_id) == {DEMO_SOURCE},
        )
        trend.chart = line_chart(trend)
        result.append(trend)
    return result


def commitment_trend(commitment, unit_ou, config):
    places = comparison_places(config)
    if unit_ou:
        places.insert(0, (Scope.UNIT, unit_ou, _("Enheten")))
    return trends([commitment.kolada_kpi], places)[0]


def _nice_range(low, high, is_share):
    if is_share:
        low, high = max(0.0, (low // 10) * 10), min(100.0, -(-high // 10) * 10)
    if high <= low:
        low, high = low - 1, high + 1
    return low, high


def line_chart(trend, width=360, height=200):
    """Geometry for a line chart of the trend's series over its years; None without values."""
    if not trend.has_values or not trend.years:
        return None
    left, right, top, bottom = 44, 22, 12, 28
    plot_width, plot_height = width - left - right, height - top - bottom
    values = [v for s in trend.series for v in s.points.values() if v is not None]
    low, high = _nice_range(min(values), max(values), bool(trend.kpi and trend.kpi.is_share))
    years = trend.years

    def x_of(position):
        if len(years) == 1:
            return left + plot_width / 2
        return left + plot_width * position / (len(years) - 1)

    def y_of(value):
        return top + plot_height * (1 - (value - low) / (high - low))

    grid = []
    for step in range(5):
        value = low + (high - low) * step / 4
        grid.append({"y": round(y_of(value), 1), "label": format_value(value)})
    ticks = [{"x": round(x_of(i), 1), "label": str(year)} for i, year in enumerate(years)]
    lines = []
    for s in trend.series:
        points = [
            (round(x_of(i), 1), round(y_of(s.points[year]), 1))
            for i, year in enumerate(years)
            if s.points.get(year) is not None
        ]
        if points:
            lines.append(
                {
                    **_style(s.index),
                    "points": " ".join(f"{x},{y}" for x, y in points),
                    "markers": [{"x": x, "y": y} for x, y in points],
                }
            )
    legend = []
    legend_y = height + 8
    for s in trend.series:
        legend.append({**_style(s.index), "label": s.label, "y": legend_y, "mid": legend_y + 6})
        legend_y += 20
    return {
        "width": width,
        "height": legend_y + 4,
        "left": left,
        "right": width - right,
        "bottom": top + plot_height,
        "grid": grid,
        "ticks": ticks,
        "tick_y": top + plot_height + 18,
        "lines": lines,
        "legend": legend,
    }
