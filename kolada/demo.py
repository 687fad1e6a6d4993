"""Ängsby's key figures: two real Kolada KPIs tied to home-care and school commitments, with a
stored, believable set of values, so that the demo shows the figures without a network.

Ängsby is fictional, so are its Kolada ids and the values; the KPI ids and titles are Kolada's.
Idempotent: what is tied stays tied, values are upserted.
"""

import zlib

from django.utils import timezone
from wagtail.models import Site

from guarantees.models import GuaranteePage, ServiceAreaPage

from .models import NATIONAL_ID, KoladaSettings, Kpi, Scope, Value

MUNICIPALITY_ID = "9999"  # fictional: Ängsby has no municipality code
GROUP_ID = "G999999"
SOURCE = "https://api.kolada.se/v2/"

KPIS = {
    "U21468": {
        "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
        "description": (
            "Andel brukare 65 år och äldre med hemtjänst som svarat att de sammantaget är "
            "mycket eller ganska nöjda med sin hemtjänst, i Socialstyrelsens brukarundersökning."
        ),
        "has_ou_data": True,
        "area": "hemtjanst",
        "commitment": "Du blir bemött med värdighet i ditt eget hem.",
        "levels": (86.0, 84.0, 85.0, 88.0),  # municipality, group, nation, unit base
    },
    "N15419": {
        "title": (
            "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, kommunala skolor, andel (%)"
        ),
        "description": (
            "Andel elever i årskurs 9 i kommunens skolor som fått lägst betyget E i alla ämnen."
        ),
        "has_ou_data": True,
        "area": "grundskola",
        "commitment": "Ditt barn får stöd när det behövs.",
        "levels": (74.0, 72.0, 73.0, 75.0),
    },
}


def _wobble(*parts):
    """A stable offset between -3.0 and +3.0 for these parts, the same on every run."""
    return (zlib.crc32("/".join(map(str, parts)).encode()) % 61 - 30) / 10


def _tie(area_slug, kpi_id, commitment_title):
    """Tie the area's units to Kolada: the live rows first, then a revision made from them,
    so that the editor opens the guarantee with the key figure already chosen."""
    area = ServiceAreaPage.objects.filter(slug=area_slug).first()
    if area is None:
        return []
    units = []
    for number, unit in enumerate(GuaranteePage.objects.child_of(area).order_by("path"), 1):
        tied = unit.commitments.filter(title=commitment_title).exclude(kolada_kpi=kpi_id)
        changed = bool(tied.update(kolada_kpi=kpi_id))
        if not unit.kolada_ou:
            unit.kolada_ou = f"V15E{MUNICIPALITY_ID}{area.pk % 100:02d}{number:03d}"
            GuaranteePage.objects.filter(pk=unit.pk).update(kolada_ou=unit.kolada_ou)
            changed = True
        if changed:
            GuaranteePage.objects.get(pk=unit.pk).save_revision().publish()
        units.append(unit)
    return units


def load(stdout):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        stdout.write("  no default site: run home's demo first")
        return
    config = KoladaSettings.for_site(site)
    if not config.municipality_id:
        config.municipality_id = MUNICIPALITY_ID
        config.comparison_group_id = GROUP_ID
        config.comparison_group_title = "Liknande kommuner"
        config.save()

    now = timezone.now()
    this_year = timezone.localdate().year
    years = range(this_year - config.years, this_year)
    rows = []
    for kpi_id, spec in KPIS.items():
        Kpi.objects.update_or_create(
            id=kpi_id,
            defaults={
                "title": spec["title"],
                "description": spec["description"],
                "has_ou_data": spec["has_ou_data"],
                "is_divided_by_gender": True,
                "municipality_type": "K",
                "fetched_at": now,
            },
        )
        units = _tie(spec["area"], kpi_id, spec["commitment"])
        municipality, group, nation, unit_base = spec["levels"]
        places = [
            (Scope.MUNICIPALITY, MUNICIPALITY_ID, municipality),
            (Scope.GROUP, GROUP_ID, group),
            (Scope.NATIONAL, NATIONAL_ID, nation),
        ] + [(Scope.UNIT, unit.kolada_ou, unit_base + 2 * _wobble(unit.slug)) for unit in units]
        for scope, entity, level in places:
            for step, year in enumerate(years):
                value = round(min(100.0, level + 0.4 * step + _wobble(kpi_id, entity, year)), 1)
                rows.append(
                    Value(
                        kpi=kpi_id,
                        scope=scope,
                        entity=entity,
                        period=year,
                        gender="T",
                        value=value,
                        count=None,
                        source=SOURCE,
                        fetched_at=now,
                    )
                )
    Value.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kpi", "scope", "entity", "period", "gender"],
        update_fields=["value", "count", "source", "fetched_at"],
    )
    stdout.write(f"  stored {len(rows)} key-figure values for {len(KPIS)} key figures")
