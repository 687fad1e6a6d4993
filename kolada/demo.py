"""Ängsby's key figures: real Kolada KPIs tied to the commitments they measure, in every area
Kolada covers (preschool, compulsory school and home care per unit; libraries for the
municipality), with a stored set of values, so that the demo shows figures without a network.

What is real and what is not:
- The KPI ids are Kolada's and the titles are written as Kolada publishes them; the first
  `import_kolada_kpis` or `import_kolada` against Kolada replaces each title with Kolada's own.
- Ängsby is fictional, so are its Kolada ids (municipality 9999, group G999999, units
  V<service code>E9999...) and every value: made up to look like a municipality's, marked with
  `DEMO_SOURCE` so that pages say they are the demo's and not Kolada's.

Idempotent: what is tied stays tied, values are upserted.
"""

import zlib

from django.utils import timezone
from wagtail.models import Site

from guarantees.models import Commitment, GuaranteePage, ServiceAreaPage

from .kinds import kind_of_kpi, kind_of_unit
from .models import DEMO_SOURCE, NATIONAL_ID, KoladaSettings, Kpi, Scope, Value

MUNICIPALITY_ID = "9999"  # fictional: Ängsby has no municipality code
GROUP_ID = "G999999"

# id: catalogue entry, the demo commitments it measures (area slug, commitment title, level)
# and believable levels (municipality, comparison group, country, units).
KPIS = {
    "N11808": {
        "title": "Heltidstjänster i förskolan med förskollärarlegitimation, andel (%)",
        "description": (
            "Antal heltidstjänster i förskolan med förskollärarlegitimation, dividerat med "
            "antal heltidstjänster i förskolan. Källa: Skolverket."
        ),
        "has_ou_data": True,
        "ties": [("forskola", "Förskolan följer läroplanen och arbetar med barnens lärande.")],
        "levels": (41.0, 43.0, 40.0, 42.0),
    },
    "N15419": {
        "title": "Elever i åk 9 som är behöriga till yrkesprogram, kommunala skolor, andel (%)",
        "description": (
            "Andel elever i årskurs 9 i kommunens skolor som är behöriga till ett "
            "yrkesprogram på gymnasieskolan. Källa: Skolverket."
        ),
        "has_ou_data": True,
        "ties": [("grundskola", "Alla elever ska nå kunskapskraven.")],
        "levels": (84.0, 83.0, 85.0, 84.0),
    },
    "U21401": {
        "title": (
            "Personalkontinuitet, antal personal som en hemtjänsttagare med minst två besök "
            "per dag möter under 14 dagar, medelvärde"
        ),
        "description": (
            "Antal olika personal som en hemtjänsttagare 65 år och äldre med minst två "
            "besök av hemtjänsten per dag möter under en period av 14 dagar."
        ),
        "has_ou_data": True,
        "ties": [("hemtjanst", "Du möter så få olika personer som möjligt.")],
        "levels": (14.0, 15.0, 16.0, 13.0),
    },
    "U21468": {
        "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
        "description": (
            "Andel brukare 65 år och äldre med hemtjänst som svarat att de sammantaget är "
            "mycket eller ganska nöjda med sin hemtjänst, i Socialstyrelsens brukarundersökning."
        ),
        "has_ou_data": True,
        "ties": [
            ("hemtjanst", "Du blir bemött med värdighet i ditt eget hem."),
            ("hemtjanst", "Du känner dig trygg med hemtjänsten."),
        ],
        "levels": (86.0, 84.0, 85.0, 88.0),
    },
    "U09403": {
        "title": "Öppettimmar per vecka utöver 08-17 vardagar vid huvudbiblioteket, antal",
        "description": (
            "Antal timmar per vecka som huvudbiblioteket har öppet utöver vardagar klockan "
            "8-17, en vanlig vecka under våren."
        ),
        "has_ou_data": False,  # libraries: the municipality's figure
        "ties": [("bibliotek", "Biblioteken är tillgängliga för alla.")],
        "levels": (22.0, 19.0, 17.0, None),
    },
}


def _wobble(*parts):
    """A stable offset between -3.0 and +3.0 for these parts, the same on every run."""
    return (zlib.crc32("/".join(map(str, parts)).encode()) % 61 - 30) / 10


def _publish(page):
    """A new revision made from the live rows, so the editor opens what the site shows."""
    type(page).objects.get(pk=page.pk).save_revision().publish()


def _tie(kpi_id, area_slug, commitment_title):
    """Tie the commitment (on the area or on its units) to the key figure; returns the area."""
    area = ServiceAreaPage.objects.in_source_language().filter(slug=area_slug).first()
    if area is None:
        return None
    pages = [area, *GuaranteePage.objects.child_of(area).order_by("path")]
    for page in pages:
        tied = Commitment.objects.filter(page=page, title=commitment_title).exclude(
            kolada_kpi=kpi_id
        )
        if tied.update(kolada_kpi=kpi_id):
            _publish(page)
    return area


def _give_units_kolada_ids(area, kind):
    """Each unit of the area a Kolada id of the area's kind (V11E... for a preschool)."""
    units = []
    for number, unit in enumerate(GuaranteePage.objects.child_of(area).order_by("path"), 1):
        if kind_of_unit(unit.kolada_ou) != kind:
            unit.kolada_ou = f"V{kind}E{MUNICIPALITY_ID}{number:05d}"
            GuaranteePage.objects.filter(pk=unit.pk).update(kolada_ou=unit.kolada_ou)
            _publish(unit)
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
                "is_divided_by_gender": False,
                "municipality_type": "K",
                "fetched_at": now,
            },
        )
        municipality, group, nation, unit_base = spec["levels"]
        places = [
            (Scope.MUNICIPALITY, MUNICIPALITY_ID, municipality),
            (Scope.GROUP, GROUP_ID, group),
            (Scope.NATIONAL, NATIONAL_ID, nation),
        ]
        for area_slug, title in spec["ties"]:
            area = _tie(kpi_id, area_slug, title)
            if area is not None and spec["has_ou_data"]:
                units = _give_units_kolada_ids(area, kind_of_kpi(kpi_id))
                places += [
                    (Scope.UNIT, unit.kolada_ou, unit_base + 2 * _wobble(unit.slug))
                    for unit in units
                ]
        for scope, entity, level in dict.fromkeys(places):
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
                        source=DEMO_SOURCE,
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
