"""Demo good examples: the listing page under the home page, and one example for each of a few
units whose last follow-up has a commitment not fully met. Idempotent: found by title."""

from django.db import transaction
from wagtail.models import Site

from guarantees.followup.models import CommitmentOutcome, Outcome

from .models import ExampleFigure, GoodExampleIndexPage, GoodExamplePage

INDEX_TITLE = "Goda exempel"
EXAMPLES = [
    (
        "Fasta kontaktpersoner gav ett bättre bemötande",
        "Brukarna kände sig inte lyssnade på när planeringen ändrades med kort varsel, och "
        "resultatet för bemötande låg långt under målet.",
        "Varje brukare fick en fast kontaktperson, och ändringar i planeringen meddelas senast "
        "dagen före. Vi mäter bemötandet varje kvartal.",
        "Efter ett år instämmer fler i att de blir väl bemötta, och klagomålen på bemötande har "
        "halverats.",
        [
            ("Instämmer i att de blir väl bemötta", "74 %", "91 %"),
            ("Klagomål på bemötande", "18", "9"),
        ],
    ),
    (
        "Telefontid varje dag kortade väntan på besked",
        "Föräldrar och brukare fick vänta flera dagar på svar när de ringde.",
        "Vi införde en telefontid varje vardag och en gemensam funktionsbrevlåda som läses varje "
        "morgon.",
        "Nästan alla får nu svar samma eller nästa arbetsdag.",
        [("Svar inom två arbetsdagar", "61 %", "96 %")],
    ),
]


def _index(home):
    index = GoodExampleIndexPage.objects.child_of(home).first()
    if index is None:
        index = GoodExampleIndexPage(
            title=INDEX_TITLE,
            slug="goda-exempel",
            intro="Så har enheterna förbättrat sig när de inte höll vad de lovade. Lär av "
            "varandra och ta efter det som fungerar.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


@transaction.atomic
def load(stdout):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    index = _index(site.root_page.specific)
    outcomes = (
        CommitmentOutcome.objects.filter(
            follow_up__is_published=True, outcome__in=[Outcome.NOT_MET, Outcome.PARTLY_MET]
        )
        .select_related("follow_up__unit", "commitment")
        .order_by("-follow_up__year", "follow_up__unit__title", "pk")
    )
    used_units = set()
    created = 0
    for outcome in outcomes:
        if len(used_units) == len(EXAMPLES):
            break
        unit = outcome.follow_up.unit
        if unit.pk in used_units:
            continue
        title, problem, change, result, figures = EXAMPLES[len(used_units)]
        used_units.add(unit.pk)
        if GoodExamplePage.objects.filter(title=title).exists():
            continue
        example = GoodExamplePage(
            title=title,
            unit=unit,
            quality_criterion=outcome.commitment.quality_criterion
            if outcome.commitment
            else "bemotande",
            outcome=outcome,
            problem=problem,
            change=change,
            result=result,
        )
        for label, before, after in figures:
            example.figures.add(ExampleFigure(label=label, before=before, after=after))
        index.add_child(instance=example)
        example.save_revision().publish()
        created += 1
    stdout.write(f"  good examples: {created} new")
