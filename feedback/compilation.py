"""The register of feedback and actions, compiled (seed 004): counts, share answered in time,
a chart, and its tables for download: one CSV per table, or one XLSX file with a sheet per
table. No personal data leaves this module.

One grouped query reads the period once, and only columns of the covering index
feedback_compilation_month (no time zone conversion: the month and "answered in time" are
stored on the row, see Feedback.save), so PostgreSQL may answer a short period from the
index alone; over most of the table it reads in sequence (bench/feedback_compilation.py
prints the plan). It sums every breakdown in that one read, a grouping set each: per unit,
kind, month and dimension a few rows, and the unit x dimension x month table. Python only
files the rows, so the cost does not grow with the units beyond that table, which is the
report's content.
"""

import datetime
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guarantees.models import GuaranteePage, ServiceAreaPage
from home.spreadsheets import Sheet, sheet_csv_response, xlsx_response

from .models import Dimension, Feedback, Kind


def period_bounds(first, last):
    """The aware datetimes [start, end) of the Swedish calendar days first..last."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


# The breakdowns the compilation shows, as the grouping sets of its one query, each with the
# GROUPING() bits PostgreSQL gives its rows: a bit set for each of (received_month, unit_id,
# kind, dimension) that the set does not group by.
_BY_UNIT_DIMENSION_MONTH, _BY_UNIT, _BY_KIND, _BY_MONTH, _BY_DIMENSION, _TOTAL = (
    0b0010,
    0b1011,
    0b1101,
    0b0111,
    0b1110,
    0b1111,
)
_GROUPED_SQL = """
    SELECT GROUPING(received_month, unit_id, kind, dimension), received_month, unit_id, kind,
           dimension, count(*), count(*) FILTER (WHERE answered_in_time)
    FROM ({rows}) AS period
    GROUP BY GROUPING SETS (
        (unit_id, dimension, received_month), (unit_id), (kind), (received_month), (dimension), ()
    )
"""


class Compilation:
    def __init__(self, start, end, units=None, label="", scope=""):
        """Feedback received in [start, end), of `units` (None: every unit, and feedback about
        no particular unit). `label` names the period, `scope` the units chosen."""
        self.start, self.end, self.label, self.scope = start, end, label, scope
        qs = Feedback.objects.filter(received_at__gte=start, received_at__lt=end)
        if units is not None:
            qs = qs.filter(unit__in=units)
        self.queryset = qs
        self._months = self._period_months()
        # The month bounds only let the index range over the period's months; received_at
        # (an included column) still decides. Only indexed columns are read: id is not in the
        # index, and asking for it would send every row to the table.
        in_months = qs.filter(
            received_month__gte=Feedback.month_of(start),
            received_month__lte=Feedback.month_of(end - datetime.timedelta(microseconds=1)),
        )
        try:
            rows_sql, params = (
                in_months.values_list(
                    "received_month", "unit_id", "kind", "dimension", "answered_in_time"
                )
                .order_by()
                .query.sql_with_params()
            )
        except EmptyResultSet:
            # A filter no row can pass (no units to compile, say): Django writes no SQL.
            rows = []
        else:
            with connection.cursor() as cursor:
                cursor.execute(_GROUPED_SQL.format(rows=rows_sql), params)
                rows = cursor.fetchall()
        # PostgreSQL sums every breakdown (a few rows each, but for the unit x dimension x month
        # table, which is the report's content); here each row is only filed under its set.
        self.groups = len(rows)
        self.month_counts, self.kind_counts, self.dimension_counts = {}, {}, {}
        self.unit_counts, self.unit_in_time = {}, {}
        self.unit_dimension_month = defaultdict(dict)
        self.total = self.answered_in_time = 0
        for grouping, month, unit, kind, dimension, n, in_time in rows:
            if grouping == _BY_UNIT_DIMENSION_MONTH:
                self.unit_dimension_month[(unit, dimension)][month] = n
            elif grouping == _BY_UNIT:
                self.unit_counts[unit], self.unit_in_time[unit] = n, in_time
            elif grouping == _BY_KIND:
                self.kind_counts[kind] = n
            elif grouping == _BY_MONTH:
                self.month_counts[month] = n
            elif grouping == _BY_DIMENSION:
                self.dimension_counts[dimension] = n
            elif grouping == _TOTAL:
                self.total, self.answered_in_time = n, in_time
        self._name_units()

    @classmethod
    def for_year(cls, year, units=None):
        tz = ZoneInfo(settings.TIME_ZONE)
        start = datetime.datetime(year, 1, 1, tzinfo=tz)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        return cls(start, end, units=units, label=str(year))

    def _name_units(self):
        unit_ids = {pk for pk in self.unit_counts if pk}
        units = list(GuaranteePage.objects.filter(pk__in=unit_ids).only("title", "path"))
        self.unit_titles = {unit.pk: unit.title for unit in units}
        areas = ServiceAreaPage.of_units(units)
        self.unit_area = {pk: area.title if area else "" for pk, area in areas.items()}

    @property
    def file_stem(self):
        """The download's name: "synpunkter-2026-01-01-2026-12-31"."""
        last = (self.end - datetime.timedelta(microseconds=1)).astimezone(self.start.tzinfo)
        return f"synpunkter-{self.start.date().isoformat()}-{last.date().isoformat()}"

    # Breakdowns

    @property
    def answered_in_time_share(self):
        return self.answered_in_time / self.total if self.total else None

    def by_kind(self):
        return [(kind.label, self.kind_counts.get(kind.value, 0)) for kind in Kind]

    def by_dimension(self):
        return [
            (dimension.label, self.dimension_counts.get(dimension.value, 0))
            for dimension in Dimension
        ]

    def months(self):
        """The period's months, first day of each."""
        return self._months

    def _period_months(self):
        months = []
        month = self.start.date().replace(day=1)
        while month < self.end.date():
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _count(self, counts, month):
        # A month that has not begun has no count yet: None, shown empty, not 0.
        return None if month > timezone.localdate() else counts.get(month, 0)

    def by_month(self):
        return [(month, self._count(self.month_counts, month)) for month in self.months()]

    def by_unit_dimension_month(self):
        """Rows of unit, area, dimension and the count per month (None for months to come)."""
        general = _("Ingen särskild enhet")
        labels = {value: str(label) for value, label in Dimension.choices}
        today = timezone.localdate()
        begun = [month for month in self._months if month <= today]
        to_come = [None] * (len(self._months) - len(begun))
        rows = [
            {
                "unit": self.unit_titles.get(unit, general) if unit else general,
                "area": self.unit_area.get(unit, ""),
                "dimension": labels.get(dimension, dimension),
                "pk": unit or 0,  # two units of one title and area: in a lasting order
                "months": [counts.get(month, 0) for month in begun] + to_come,
            }
            for (unit, dimension), counts in self.unit_dimension_month.items()
        ]
        return sorted(rows, key=lambda r: (r["area"], r["unit"], r["dimension"], r["pk"]))

    @cached_property
    def unit_overdue(self):
        """Cases of the period still open after their deadline, per unit (one query)."""
        rows = self.queryset.overdue().values_list("unit").annotate(n=Count("*")).order_by()
        return Counter(dict(rows))

    def by_unit(self):
        counts, in_time = self.unit_counts, self.unit_in_time
        general = _("Ingen särskild enhet")
        result = [
            {
                "unit": self.unit_titles.get(pk, general) if pk else general,
                "area": self.unit_area.get(pk, ""),
                "pk": pk or 0,  # two units of one title and area: in a lasting order
                "count": n,
                "in_time_share": in_time[pk] / n if n else None,
                "overdue": self.unit_overdue[pk],
            }
            for pk, n in counts.items()
        ]
        return sorted(result, key=lambda r: (r["area"], r["unit"], r["pk"]))

    def by_area(self):
        counts, in_time = defaultdict(int), defaultdict(int)
        for unit, n in self.unit_counts.items():
            area = self.unit_area.get(unit, "") if unit else ""
            counts[area] += n
            in_time[area] += self.unit_in_time[unit]
        return [
            {
                "area": area or _("Ingen särskild enhet"),
                "count": counts[area],
                "in_time_share": in_time[area] / counts[area] if counts[area] else None,
            }
            for area in sorted(counts)
        ]

    def actions(self, limit=200):
        """Actions recorded in the period: what was done, never who complained."""
        return list(
            self.queryset.exclude(action="")
            .select_related("unit")
            .only("reference", "kind", "dimension", "action", "unit__title", "received_at")
            .order_by("received_at")[:limit]
        )

    # Chart

    def month_chart_svg(self):
        """Feedback per month as an SVG bar chart, with a <title> and the table beside it."""
        months = self.by_month()
        # Drawn at the size a phone shows it (admin.css keeps it from shrinking further and
        # lets it grow a third on a desktop), so its 12 px labels stay 12 px or more.
        width, height, pad, label_h = 480, 200, 24, 30
        peak = max([n or 0 for _m, n in months] + [1])
        slot = (width - pad) / max(len(months), 1)
        bar = slot * 0.7
        title = _("Antal synpunkter per månad, %(period)s") % {"period": self.label}
        parts = [
            f'<svg class="feedback-chart" role="img" aria-labelledby="feedback-chart-title" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="feedback-chart-title">{escape(title)}</title>',
            f'<line x1="{pad}" y1="{height - label_h}" x2="{width}" y2="{height - label_h}" '
            'stroke="#444" stroke-width="1"/>',
        ]
        plot_h = height - label_h - 20
        for i, (month, n) in enumerate(months):
            x = pad + i * slot + (slot - bar) / 2
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 10}" font-size="12" '
                f'text-anchor="middle" fill="#222">{escape(date_format(month, "M"))}</text>'
            )
            if n is None:
                continue  # a month still to come has no bar
            h = plot_h * n / peak
            y = height - label_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#1d5c8c">'
                f"<title>{escape(date_format(month, 'F Y'))}: {n}</title></rect>"
            )
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" font-size="11" '
                f'text-anchor="middle" fill="#222">{n}</text>'
            )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped


# The tables of the download, in the order the page shows them: (slug in the URL, title).
# Each has its own headings, so each is its own CSV file and its own sheet.
TABLES = [
    ("sammanfattning", gettext_lazy("Sammanfattning")),
    ("per-typ", gettext_lazy("Per typ")),
    ("per-dimension", gettext_lazy("Per dimension")),
    ("per-manad", gettext_lazy("Per månad")),
    ("per-verksamhetsomrade", gettext_lazy("Per verksamhetsområde")),
    ("per-enhet", gettext_lazy("Per enhet")),
    ("per-enhet-galler-manad", gettext_lazy("Per enhet, gäller och månad")),
]
SHARE, MONTH = "0 %", "yyyy-mm"


def tables(compilation):
    """{slug: Sheet} of every table, figures as numbers, shares as fractions, months as dates."""
    months = compilation.months()
    built = {
        "sammanfattning": (
            [
                _("Period"),
                _("Urval"),
                _("Antal"),
                _("Besvarade inom utlovad tid"),
                _("Andel besvarade i tid"),
            ],
            [
                (
                    compilation.label,
                    compilation.scope,
                    compilation.total,
                    compilation.answered_in_time,
                    compilation.answered_in_time_share,
                )
            ],
            {4: SHARE},
        ),
        "per-typ": ([_("Typ"), _("Antal")], compilation.by_kind(), {}),
        "per-dimension": ([_("Gäller"), _("Antal")], compilation.by_dimension(), {}),
        "per-manad": ([_("Månad"), _("Antal")], compilation.by_month(), {0: MONTH}),
        "per-verksamhetsomrade": (
            [_("Verksamhetsområde"), _("Antal"), _("Besvarade i tid")],
            [(r["area"], r["count"], r["in_time_share"]) for r in compilation.by_area()],
            {2: SHARE},
        ),
        "per-enhet": (
            [
                _("Enhet"),
                _("Verksamhetsområde"),
                _("Antal"),
                _("Besvarade i tid"),
                _("Försenade, ännu öppna"),
            ],
            [
                (r["unit"], r["area"], r["count"], r["in_time_share"], r["overdue"])
                for r in compilation.by_unit()
            ],
            {3: SHARE},
        ),
        "per-enhet-galler-manad": (
            # A month is a heading here: written as text, "2026-03", as in the CSV.
            [
                _("Enhet"),
                _("Verksamhetsområde"),
                _("Gäller"),
                *(m.strftime("%Y-%m") for m in months),
            ],
            [
                (r["unit"], r["area"], r["dimension"], *r["months"])
                for r in compilation.by_unit_dimension_month()
            ],
            {},
        ),
    }
    return {slug: Sheet(str(title), *built[slug]) for slug, title in TABLES}


def csv_response(compilation, slug):
    """One table as its own CSV file, with its own headings."""
    return sheet_csv_response(f"{compilation.file_stem}-{slug}.csv", tables(compilation)[slug])


def xlsx_response_for(compilation):
    """Every table in one XLSX file, a sheet each."""
    return xlsx_response(f"{compilation.file_stem}.xlsx", list(tables(compilation).values()))
