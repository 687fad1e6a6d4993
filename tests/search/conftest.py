"""A small Swedish municipality written for the search tests (independent of the demo data)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from guarantees.models import Commitment, QualityCriterion
from home.models import ContentPage
from tests.factories import make_guarantee, make_service_area

AREAS = {
    "forskola": ("Förskola", "Förskolan är till för barn mellan ett och fem år."),
    "grundskola": ("Grundskola", "Grundskolans elever lär sig läsa, skriva och räkna."),
    "aldreomsorg": ("Äldreomsorg", "Hemtjänst och särskilt boende för äldre."),
    "bibliotek": ("Bibliotek", "Stadens bibliotek lånar ut böcker, e-böcker och ljudböcker."),
}

# area key, title, idea, provider, [(commitment, expected result)]
UNITS = [
    (
        "forskola",
        "Förskolan Solrosen",
        "Solrosen är en förskola med fyra avdelningar där leken står i centrum.",
        "",
        [
            ("Vi går till skogen varje vecka", "Alla barn är ute i naturen minst en dag i veckan."),
            ("Du får veta hur ditt barn haft det", "Minst 90 procent av vårdnadshavarna är nöjda."),
        ],
    ),
    (
        "forskola",
        "Förskolan Myrstacken",
        "Myrstacken arbetar med musik, rörelse och språkutveckling.",
        "Pysslingen förskolor AB",
        [
            ("Ditt barn får sjunga och dansa varje dag", "Musik finns i varje dagsplanering."),
            ("Vi erbjuder modersmålsstöd", "Barn med annat modersmål får stöd varje vecka."),
        ],
    ),
    (
        "grundskola",
        "Ekbackens skola",
        "Ekbackens skola är en F–6-skola med fritidshem och egen skolgård med odlingar.",
        "",
        [
            ("Vi svarar på frågor om mobbning samma dag", "Kränkningar utreds inom en vecka."),
            ("Ditt barn får läxhjälp två dagar i veckan", "Läxhjälp tisdag och torsdag."),
        ],
    ),
    (
        "grundskola",
        "Tallåsens skola",
        "Tallåsen är en högstadieskola med inriktning mot naturvetenskap och idrott.",
        "",
        [
            ("Skolmaten lagas från grunden i vårt eget kök", "Eleverna ger maten minst 4 av 5."),
            ("Du får studie- och yrkesvägledning", "Alla elever i årskurs 9 har ett samtal."),
        ],
    ),
    (
        "aldreomsorg",
        "Hemtjänsten Centrum",
        "Hemtjänsten Centrum hjälper äldre att bo kvar hemma med trygghet och värdighet.",
        "",
        [
            ("Du får en fast kontaktperson", "Varje brukare har en namngiven kontaktperson."),
            ("Vi kommer på avtalad tid", "Besöken börjar senast 15 minuter efter avtalad tid."),
        ],
    ),
    (
        "aldreomsorg",
        "Vårdboendet Lindgården",
        "Lindgården är ett särskilt boende med 40 lägenheter och en trädgård för alla.",
        "Attendo",
        [
            ("Du får välja vad du vill äta", "Två rätter att välja mellan varje dag."),
            ("Vi ordnar aktiviteter varje vecka", "Minst tre gemensamma aktiviteter i veckan."),
        ],
    ),
    (
        "bibliotek",
        "Stadsbiblioteket",
        "Stadsbiblioteket är kommunens största bibliotek, öppet sju dagar i veckan med datorer.",
        "",
        [
            ("Du kan reservera böcker på nätet", "Reservationer hämtas inom tre dagar."),
            ("Vi hjälper dig med digitala tjänster", "Drop-in för digital hjälp varje onsdag."),
        ],
    ),
    (
        "bibliotek",
        "Biblioteksbussen",
        "Biblioteksbussen kör ut böcker till byarna som saknar eget bibliotek.",
        "",
        [
            ("Bussen stannar vid varje hållplats enligt tidtabell", "Inga inställda turer."),
            ("Du kan beställa talböcker", "Talböcker levereras med nästa tur."),
        ],
    ),
]

CONTENT_PAGES = [
    (
        "Så lämnar du klagomål",
        "Här beskriver vi hur du lämnar synpunkter och klagomål på kommunens verksamheter.",
        "<p>Du kan lämna klagomål anonymt. Vi svarar inom två arbetsdagar.</p>",
    ),
    (
        "Om kvalitetsgarantierna",
        "Varför kommunen lovar saker i kvalitetsgarantier och hur vi följer upp dem.",
        "<p>Varje år följer nämnden upp om löftena hållits.</p>",
    ),
]


# title, body, area key, status
PROPOSALS = [
    (
        "Bättre belysning på gångvägen till Ekbackens skola",
        "Gångvägen genom parken är mörk på vintern. Sätt upp fler lampor så att barnen vågar gå.",
        "grundskola",
        "OPEN",
    ),
    (
        "Inhägnad hundrastgård i Stadsparken",
        "Många hundägare önskar en hundrastgård med staket nära centrum.",
        None,
        "ANSWERED",
    ),
    (
        "Gratis simskola för alla förskolebarn",
        "Alla barn borde få lära sig simma innan de börjar skolan.",
        "forskola",
        "REJECTED",
    ),
    (
        "Längre öppettider på Stadsbiblioteket",
        "Öppna biblioteket klockan sju på morgonen så att pendlare hinner låna.",
        "bibliotek",
        "AWAITING_MODERATION",
    ),
]


def _commitments(pairs):
    return [
        Commitment(
            sort_order=i,
            title=title,
            expected_result=result,
            quality_criterion=QualityCriterion.TREATMENT,
        )
        for i, (title, result) in enumerate(pairs)
    ]


def build_municipality(home_page):
    areas = {
        key: make_service_area(home_page, title=title, intro=intro, slug=key)
        for key, (title, intro) in AREAS.items()
    }
    units = {}
    for area_key, title, idea, provider, pairs in UNITS:
        unit = make_guarantee(areas[area_key], title=title, idea=idea, provider=provider)
        unit.commitments.all().delete()
        unit.commitments = _commitments(pairs)
        unit.save_revision().publish()
        unit.refresh_from_db()
        units[title] = unit
    pages = {}
    for title, intro, body in CONTENT_PAGES:
        page = ContentPage(title=title, intro=intro, body=body)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        pages[title] = page
    from proposals.models import Proposal, Status

    proposals = {}
    for title, body, area_key, status in PROPOSALS:
        proposals[title] = Proposal.objects.create(
            title=title,
            body=body,
            service_area=areas[area_key] if area_key else None,
            display_name="Invånare",
            proposer_email="invanare@example.se",
            status=getattr(Status, status),
        )
    return {"areas": areas, "units": units, "pages": pages, "proposals": proposals}


@pytest.fixture(scope="module")
def shared_municipality(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards; each
    test still runs in its own savepoint, so what a test changes is undone after it."""
    from django.db import transaction

    from tests.factories import load_demo_shell, restore_migrated_roots

    with django_db_blocker.unblock(), transaction.atomic():
        restore_migrated_roots()  # after a transactional test's flush, as `home_page` does
        yield build_municipality(load_demo_shell())
        transaction.set_rollback(True)


@pytest.fixture
def municipality(shared_municipality, db):
    return shared_municipality


@pytest.fixture
def expired_guarantee(municipality):
    today = timezone.localdate()
    return make_guarantee(
        municipality["areas"]["forskola"],
        title="Förskolan Gamla Vitsippan",
        valid_from=today - datetime.timedelta(days=800),
        valid_to=today - datetime.timedelta(days=1),
    )


def page_titles(outcome):
    return [hit.title for hit in outcome.hits]


def root_page():
    return Page.objects.get(depth=1)
