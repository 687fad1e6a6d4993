"""Bring Kolada's catalogue and the values of the figures the commitments use into our tables.

Each fetch is read completely before anything is written, and values are only ever added or
updated, never deleted: a failed or empty answer leaves what was stored before.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from guarantees.models import Commitment, GuaranteePage
from home import fragments

from . import client
from .models import NATIONAL_ID, Gender, Kpi, Scope, Value

VALUE_FIELDS = ["value", "count", "status", "source", "fetched_at"]


@dataclass
class Outcome:
    stored: int = 0
    errors: list = field(default_factory=list)


def import_catalogue(ids=None, sleep=client.time.sleep):
    """Kolada's KPI catalogue (or just `ids`) into `Kpi`; returns how many were stored."""
    url = client.api_url("kpi", ",".join(ids)) if ids else client.api_url("kpi")
    now = timezone.now()
    rows = []
    for entry in client.values(url, sleep=sleep):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
            raise client.KoladaError(f"{url}: a key figure without id or title")
        rows.append(
            Kpi(
                id=str(entry["id"])[:20],
                title=str(entry["title"])[:500],
                description=str(entry.get("description") or ""),
                has_ou_data=bool(entry.get("has_ou_data")),
                is_divided_by_gender=bool(entry.get("is_divided_by_gender")),
                municipality_type=str(entry.get("municipality_type") or "")[:5],
                operating_area=str(entry.get("operating_area") or "")[:500],
                fetched_at=now,
            )
        )
    with transaction.atomic():
        Kpi.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=[
                "title",
                "description",
                "has_ou_data",
                "is_divided_by_gender",
                "municipality_type",
                "operating_area",
                "fetched_at",
            ],
        )
    # bulk_create sends no signals, so the chooser's search index is told here.
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Kpi, rows)
    return len(rows)


def kpis_in_use():
    return sorted(
        set(Commitment.objects.exclude(kolada_kpi="").values_list("kolada_kpi", flat=True))
    )


def units_in_kolada():
    return sorted(
        set(GuaranteePage.objects.live().exclude(kolada_ou="").values_list("kolada_ou", flat=True))
    )


def _number(raw, kind):
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"a {kind} that is not a number: {raw!r}")
    return raw


def _parse_entries(entries, place_key, url):
    """[(kpi, place, period, gender, value, count, status)] from Kolada's data entries."""
    parsed = []
    for entry in entries:
        try:
            kpi, place, period = str(entry["kpi"]), str(entry[place_key]), int(entry["period"])
            genders = entry["values"]
            for item in genders:
                gender = item["gender"]
                if gender not in Gender.values:
                    continue
                parsed.append(
                    (
                        kpi,
                        place,
                        period,
                        gender,
                        _number(item.get("value"), "value"),
                        _number(item.get("count"), "count"),
                        str(item.get("status") or "")[:50],
                    )
                )
        except (KeyError, TypeError, ValueError) as error:
            raise client.KoladaError(f"{url}: an entry not in Kolada's shape ({error})") from None
    return parsed


def _group_means(parsed, group, url):
    """The comparison group's value: the plain mean of its members' values, `count` being
    how many members had one."""
    sums = {}
    for kpi, _place, period, gender, value, _count, _status in parsed:
        if value is not None:
            total, members = sums.get((kpi, period, gender), (0.0, 0))
            sums[(kpi, period, gender)] = (total + value, members + 1)
    now = timezone.now()
    return [
        Value(
            kpi=kpi,
            scope=Scope.GROUP,
            entity=group,
            period=period,
            gender=gender,
            value=round(total / members, 2),
            count=members,
            source=url,
            fetched_at=now,
        )
        for (kpi, period, gender), (total, members) in sums.items()
    ]


def _store(kpi_rows):
    with transaction.atomic():
        Value.objects.bulk_create(
            kpi_rows,
            update_conflicts=True,
            unique_fields=["kpi", "scope", "entity", "period", "gender"],
            update_fields=VALUE_FIELDS,
        )
        # The figures stand beside commitments on guarantee pages, kept once per publish.
        fragments.changed()
    return len(kpi_rows)


def group_members(group_id, sleep=client.time.sleep):
    url = client.api_url("municipality_groups", group_id)
    for entry in client.values(url, sleep=sleep):
        if isinstance(entry, dict) and entry.get("id") == group_id:
            members = entry.get("members") or []
            return sorted({str(member["id"]) for member in members if "id" in member})
    raise client.KoladaError(f"{url}: no municipality group {group_id}")


def _fetch_and_store(outcome, url, place_key, scope_of, sleep):
    """Fetch one values URL and store what it holds; a failure is noted in the outcome and
    leaves the stored values as they were."""
    try:
        parsed = _parse_entries(client.values(url, sleep=sleep), place_key, url)
    except client.KoladaError as error:
        outcome.errors.append(str(error))
        return
    now = timezone.now()
    outcome.stored += _store(
        [
            Value(
                kpi=kpi,
                scope=scope_of(place),
                entity=place,
                period=period,
                gender=gender,
                value=value,
                count=count,
                status=status,
                source=url,
                fetched_at=now,
            )
            for kpi, place, period, gender, value, count, status in parsed
        ]
    )


def import_values(*, kpis, years, municipality, group="", ous=(), sleep=client.time.sleep):
    """Values of `kpis` for `years`: the municipality, the country, the comparison group
    (the mean of its members) and the units `ous`. Each part is stored on its own, so one
    failing part does not hold back the others; its error is reported in the outcome."""
    outcome = Outcome()
    if not kpis or not years:
        return outcome
    year_list = ",".join(str(year) for year in sorted(years))
    kpi_list = ",".join(kpis)

    if municipality:
        places = [municipality, NATIONAL_ID]
        url = client.api_url(
            "data", "kpi", kpi_list, "municipality", ",".join(places), "year", year_list
        )
        _fetch_and_store(
            outcome,
            url,
            "municipality",
            lambda place: Scope.NATIONAL if place == NATIONAL_ID else Scope.MUNICIPALITY,
            sleep,
        )

    if group:
        try:
            members = group_members(group, sleep=sleep)
            url = client.api_url(
                "data", "kpi", kpi_list, "municipality", ",".join(members), "year", year_list
            )
            parsed = _parse_entries(client.values(url, sleep=sleep), "municipality", url)
        except client.KoladaError as error:
            outcome.errors.append(str(error))
        else:
            outcome.stored += _store(_group_means(parsed, group, url))

    if ous:
        with_ou = set(
            Kpi.objects.filter(id__in=kpis, has_ou_data=True).values_list("id", flat=True)
        )
        # A figure missing from the catalogue is tried too: Kolada answers nothing for it.
        unit_kpis = [
            kpi for kpi in kpis if kpi in with_ou or not Kpi.objects.filter(id=kpi).exists()
        ]
        if unit_kpis:
            url = client.api_url(
                "oudata", "kpi", ",".join(unit_kpis), "ou", ",".join(ous), "year", year_list
            )
            _fetch_and_store(outcome, url, "ou", lambda place: Scope.UNIT, sleep)
    return outcome
