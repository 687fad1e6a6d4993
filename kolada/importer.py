"""Bring Kolada's catalogue and the values of the figures the commitments use into our tables.

The values are imported one key figure at a time: everything Kolada has for that figure (the
municipality, the comparison group, the country and the units) is read completely, then stored
in one transaction. A figure that cannot be read is reported and keeps its stored values; the
others go on. Values are only ever added or updated, never deleted, so a run that fails leaves
the last good figures. Each run is recorded as an `ImportRun` for the admin.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from guarantees.models import Commitment, GuaranteePage
from home import fragments

from .client import KoladaError
from .kinds import kind_of_kpi
from .models import NATIONAL_ID, Gender, ImportRun, Kpi, Scope, Value

VALUE_FIELDS = ["value", "count", "status", "source", "fetched_at"]
KPI_FIELDS = [
    "title",
    "description",
    "has_ou_data",
    "is_divided_by_gender",
    "municipality_type",
    "operating_area",
    "kind",
    "fetched_at",
]
# Kolada refuses very long lists of ids in one address; units are asked for in batches.
IDS_PER_REQUEST = 25


def _kpi_row(entry, url, now):
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
        raise KoladaError(f"{url}: a key figure without id or title")
    kpi_id = str(entry["id"])[:20]
    return Kpi(
        id=kpi_id,
        title=str(entry["title"])[:500],
        description=str(entry.get("description") or ""),
        has_ou_data=bool(entry.get("has_ou_data")),
        is_divided_by_gender=bool(entry.get("is_divided_by_gender")),
        municipality_type=str(entry.get("municipality_type") or "")[:5],
        operating_area=str(entry.get("operating_area") or "")[:500],
        kind=kind_of_kpi(kpi_id),
        fetched_at=now,
    )


def _store_catalogue(rows):
    Kpi.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["id"], update_fields=KPI_FIELDS
    )


def _index(rows):
    # bulk_create sends no signals, so the chooser's search index is told here.
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Kpi, rows)


def import_catalogue(kolada, ids=None):
    """Kolada's KPI catalogue (or just `ids`) into `Kpi`; returns how many were stored."""
    url, entries = kolada.values("kpi", ",".join(ids)) if ids else kolada.values("kpi")
    now = timezone.now()
    rows = [_kpi_row(entry, url, now) for entry in entries]
    with transaction.atomic():
        _store_catalogue(rows)
    _index(rows)
    return len(rows)


def kpis_in_use():
    return sorted(
        set(Commitment.objects.exclude(kolada_kpi="").values_list("kolada_kpi", flat=True))
    )


def units_for(kpi_id):
    """Kolada ids of the live units whose guarantee shows `kpi_id`: a commitment of the unit,
    of its service area or of the whole municipality names it."""
    paths = set(Commitment.objects.filter(kolada_kpi=kpi_id).values_list("page__path", flat=True))
    units = GuaranteePage.objects.in_source_language().live().exclude(kolada_ou="")
    return sorted(
        {
            unit.kolada_ou
            for unit in units.only("path", "kolada_ou")
            if any(unit.path.startswith(path) for path in paths)
        }
    )


def _number(raw, kind):
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"a {kind} that is not a number: {raw!r}")
    return raw


def _period(raw):
    # Kolada's v2 documentation writes the period as a string, v3 answers a number.
    if isinstance(raw, bool):
        raise ValueError(f"a period that is not a year: {raw!r}")
    period = int(raw)
    if not 1900 <= period <= 2200:
        raise ValueError(f"a period that is not a year: {raw!r}")
    return period


def parse_entries(entries, place_key, url):
    """[(kpi, place, period, gender, value, count, status)] from Kolada's data entries.

    A value Kolada does not have stays None (never 0), with Kolada's status beside it; genders
    other than T (total), K (women) and M (men) are left out."""
    parsed = []
    for entry in entries:
        try:
            kpi, place = str(entry["kpi"]), str(entry[place_key])
            period = _period(entry["period"])
            for item in entry["values"]:
                gender = item["gender"]
                if gender not in Gender.values:
                    continue
                value = None if item.get("isdeleted") else _number(item.get("value"), "value")
                parsed.append(
                    (
                        kpi,
                        place,
                        period,
                        gender,
                        value,
                        _number(item.get("count"), "count"),
                        str(item.get("status") or "")[:50],
                    )
                )
        except (KeyError, TypeError, ValueError) as error:
            raise KoladaError(f"{url}: an entry not in Kolada's shape ({error})") from None
    return parsed


@dataclass
class KpiOutcome:
    kpi: str
    title: str = ""
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    error: str = ""

    def line(self):
        if self.error:
            return f"{self.kpi}: FAILED, stored values kept: {self.error}"
        return (
            f"{self.kpi}: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.missing} missing ({self.title})"
        )


def group_exists(kolada, group_id):
    """Whether Kolada knows the municipality group (municipality_groups/<id>)."""
    _url, entries = kolada.values("municipality_groups", group_id)
    return any(isinstance(entry, dict) and entry.get("id") == group_id for entry in entries)


def _fetch_kpi(kolada, kpi_id, years, municipality, group):
    """Everything Kolada has for one key figure: (catalogue row, [Value]). Raises KoladaError."""
    url, entries = kolada.values("kpi", kpi_id)
    now = timezone.now()
    found = [entry for entry in entries if isinstance(entry, dict) and entry.get("id") == kpi_id]
    if not found:
        raise KoladaError(f"{url}: Kolada has no key figure {kpi_id}")
    kpi = _kpi_row(found[0], url, now)
    year_list = ",".join(str(year) for year in sorted(years))

    rows = []
    places = [place for place in (municipality, NATIONAL_ID, group) if place]
    scopes = {municipality: Scope.MUNICIPALITY, NATIONAL_ID: Scope.NATIONAL, group: Scope.GROUP}
    url, entries = kolada.values(
        "data", "kpi", kpi_id, "municipality", ",".join(places), "year", year_list
    )
    for _kpi, place, *rest in parse_entries(entries, "municipality", url):
        if _kpi == kpi_id and place in scopes:
            rows.append((scopes[place], place, *rest, url))

    ous = units_for(kpi_id) if kpi.has_ou_data else []
    for start in range(0, len(ous), IDS_PER_REQUEST):
        batch = ous[start : start + IDS_PER_REQUEST]
        url, entries = kolada.values(
            "oudata", "kpi", kpi_id, "ou", ",".join(batch), "year", year_list
        )
        for _kpi, place, *rest in parse_entries(entries, "ou", url):
            if _kpi == kpi_id and place in batch:
                rows.append((Scope.UNIT, place, *rest, url))

    values = [
        Value(
            kpi=kpi_id,
            scope=scope,
            entity=place,
            period=period,
            gender=gender,
            value=value,
            count=count,
            status=status,
            source=source,
            fetched_at=now,
        )
        for scope, place, period, gender, value, count, status, source in rows
    ]
    return kpi, values


def _store_kpi(kpi, values, outcome):
    """One transaction: the catalogue row and every value of one key figure, counted as new,
    changed, unchanged or missing against what was stored."""
    with transaction.atomic():
        stored = {
            (row.scope, row.entity, row.period, row.gender): (row.value, row.count, row.status)
            for row in Value.objects.select_for_update().filter(kpi=kpi.id)
        }
        for value in values:
            key = (value.scope, value.entity, value.period, value.gender)
            if value.value is None:
                outcome.missing += 1
            elif key not in stored:
                outcome.new += 1
            elif stored[key] != (value.value, value.count, value.status):
                outcome.changed += 1
            else:
                outcome.unchanged += 1
        _store_catalogue([kpi])
        Value.objects.bulk_create(
            values,
            update_conflicts=True,
            unique_fields=["kpi", "scope", "entity", "period", "gender"],
            update_fields=VALUE_FIELDS,
        )
        if outcome.new or outcome.changed:
            # The figures stand beside commitments on guarantee pages, kept once per publish.
            transaction.on_commit(fragments.changed)
    _index([kpi])


def import_values(kolada, *, kpis, years, municipality, group="", report=lambda line: None):
    """Values of `kpis` for `years`, one key figure at a time; returns the recorded run."""
    run = ImportRun.objects.create(
        started_at=timezone.now(),
        state=ImportRun.State.RUNNING,
        api_url=kolada.base_url,
        kpis=len(kpis),
    )
    failures = []
    try:
        if group:
            try:
                if not group_exists(kolada, group):
                    failures.append(
                        {"kpi": "", "error": f"Kolada has no municipality group {group}"}
                    )
                    report(f"Comparison group {group}: not in Kolada, left out.")
                    group = ""
            except KoladaError as error:
                failures.append({"kpi": "", "error": str(error)})
                group = ""
        for kpi_id in kpis:
            outcome = KpiOutcome(kpi=kpi_id)
            try:
                kpi, values = _fetch_kpi(kolada, kpi_id, years, municipality, group)
            except KoladaError as error:
                outcome.error = str(error)
                failures.append({"kpi": kpi_id, "error": outcome.error})
            else:
                outcome.title = kpi.title
                _store_kpi(kpi, values, outcome)
                for name in ("new", "changed", "unchanged", "missing"):
                    setattr(run, name, getattr(run, name) + getattr(outcome, name))
            report(outcome.line())
    except BaseException as error:
        failures.append({"kpi": "", "error": f"{type(error).__name__}: {error}"})
        _finish(run, failures, ImportRun.State.FAILED)
        raise
    failed = {failure["kpi"] for failure in failures}
    if not failures:
        state = ImportRun.State.SUCCEEDED
    elif set(kpis) <= failed:
        state = ImportRun.State.FAILED
    else:
        state = ImportRun.State.PARTLY
    _finish(run, failures, state)
    return run


def _finish(run, failures, state):
    run.failures = failures
    run.state = state
    run.finished_at = timezone.now()
    run.save()
