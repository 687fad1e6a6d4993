"""Demo follow-ups: the last two years for every unit the demo has, all published, with a
realistic mix of outcomes. Copes with any number of guarantees (none included) and creates
nothing on a second run."""

from django.db import transaction

from guarantees.models import GuaranteePage, QualityCriterion
from home.years import previous_year

from .models import Outcome, YearlyFollowUp

# What a quality strategist writes, by quality criterion and outcome:
# (measured value, analysis, action for next year).
TEXTS = {
    QualityCriterion.TREATMENT: {
        Outcome.MET: (
            "93 procent instämmer (mål 90), 212 svar i brukarenkäten",
            "Resultatet ligger över målet för andra året i rad. Bemötande togs upp på varje "
            "arbetsplatsträff och nya medarbetare gick kommunens introduktion i värdegrunden.",
            "Vi fortsätter med värdegrundssamtalen och följer särskilt upp svaren från dem som "
            "bara haft kontakt med oss på telefon.",
        ),
        Outcome.PARTLY_MET: (
            "86 procent instämmer (mål 90), 174 svar",
            "Resultatet sjönk under hösten, då många vikarier arbetade med kort introduktion. "
            "De som haft kontakt med oss länge är mer nöjda än nya brukare.",
            "Alla vikarier får en introduktion i bemötande före första passet, och nya brukare "
            "får ett uppföljningssamtal efter två veckor.",
        ),
        Outcome.NOT_MET: (
            "74 procent instämmer (mål 90), 151 svar",
            "En lång period med hög personalomsättning märks i svaren. Flera synpunkter handlade "
            "om att man inte blev lyssnad på när planeringen ändrades med kort varsel.",
            "Fasta kontaktpersoner för varje brukare, och ändringar i planeringen meddelas "
            "senast dagen före. Vi mäter bemötandet varje kvartal i stället för en gång om året.",
        ),
    },
    QualityCriterion.INFLUENCE: {
        Outcome.MET: (
            "4 av 4 planerade råd genomfördes; 84 procent anser att de kan påverka (mål 80)",
            "Råden var välbesökta och två förslag från dem genomfördes under året, bland annat "
            "ändrade tider för hämtning på fredagar.",
            "Vi återkopplar på anslagstavlan och webben vad som hänt med varje förslag.",
        ),
        Outcome.PARTLY_MET: (
            "3 av 4 råd genomfördes; 72 procent anser att de kan påverka (mål 80)",
            "Vårens råd ställdes in när lokalerna renoverades. Många svarade att de inte visste "
            "vad som hänt med deras förslag.",
            "Råden läggs in i årsplanen redan i januari och protokollen publiceras inom en vecka.",
        ),
        Outcome.NOT_MET: (
            "1 av 4 råd genomfördes; 58 procent anser att de kan påverka (mål 80)",
            "Ingen hade ett tydligt ansvar för råden efter att samordnaren slutade, och de föll "
            "bort under hösten.",
            "Enhetschefen ansvarar för råden och följer upp dem i ledningsgruppen varje månad.",
        ),
    },
    QualityCriterion.ACCESSIBILITY: {
        Outcome.MET: (
            "91 procent av samtalen besvarades inom tre minuter (mål 85)",
            "Den nya telefonlistan och återuppringningsfunktionen gjorde att färre behövde "
            "ringa flera gånger.",
            "Vi behåller arbetssättet och ser över tiderna i samband med sommaren.",
        ),
        Outcome.PARTLY_MET: (
            "81 procent av samtalen besvarades inom tre minuter (mål 85)",
            "Målet nåddes alla månader utom augusti och januari, när många ringer samtidigt och "
            "bemanningen var lägre.",
            "Extra bemanning i telefon de två första veckorna i augusti och januari.",
        ),
        Outcome.NOT_MET: (
            "68 procent av samtalen besvarades inom tre minuter (mål 85)",
            "Ett byte av telefonsystem i mars gav långa köer under flera veckor och svarstiderna "
            "hämtade sig inte helt under resten av året.",
            "Vi följer upp svarstiderna varje vecka och har en reservrutin när systemet krånglar.",
        ),
    },
    QualityCriterion.CONFIDENCE: {
        Outcome.MET: (
            "97 procent besvarades inom två arbetsdagar (mål 95), 64 synpunkter",
            "Synpunkterna fördelades samma dag och handläggarna hade en ersättare vid frånvaro.",
            "Vi fortsätter som i år och går igenom synpunkterna på varje arbetsplatsträff.",
        ),
        Outcome.PARTLY_MET: (
            "91 procent besvarades inom två arbetsdagar (mål 95), 58 synpunkter",
            "De sena svaren kom under sommaren, när ersättare saknades för en av handläggarna.",
            "En namngiven ersättare för varje handläggare under semesterperioden.",
        ),
        Outcome.NOT_MET: (
            "79 procent besvarades inom två arbetsdagar (mål 95), 71 synpunkter",
            "Synpunkter som kom in via brev och telefon registrerades ofta först flera dagar "
            "senare, så tiden hann gå ut innan någon såg dem.",
            "All post och alla samtal med synpunkter registreras samma dag i e-tjänsten.",
        ),
    },
}

# A realistic spread: mostly met, some partly, a few not met.
PATTERN = [
    Outcome.MET,
    Outcome.MET,
    Outcome.PARTLY_MET,
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.MET,
    Outcome.PARTLY_MET,
    Outcome.MET,
]

SUMMARY = (
    "De flesta åtagandena höll under året. Där vi inte nådde ända fram har vi analyserat "
    "orsakerna och planerat åtgärder som följs upp under nästa år."
)


def fill(follow_up, offset):
    for index, outcome_row in enumerate(follow_up.outcomes.all()):
        outcome = PATTERN[(offset + index) % len(PATTERN)]
        criterion = (
            outcome_row.commitment.quality_criterion
            if outcome_row.commitment
            else QualityCriterion.TREATMENT
        )
        texts = TEXTS.get(criterion, TEXTS[QualityCriterion.TREATMENT])
        measured, analysis, action = texts[outcome]
        outcome_row.outcome = outcome
        outcome_row.measured_value = measured
        outcome_row.analysis = analysis
        outcome_row.next_action = action
        outcome_row.full_clean()
        outcome_row.save()
    follow_up.summary = SUMMARY
    follow_up.is_published = True
    follow_up.save()


def load(stdout):
    created = 0
    last_year = previous_year()
    units = GuaranteePage.objects.order_by("path")
    with transaction.atomic():
        for unit_index, unit in enumerate(units):
            for year in (last_year - 1, last_year):
                if YearlyFollowUp.objects.filter(unit=unit, year=year).exists():
                    continue
                follow_up = YearlyFollowUp.start(unit, year)
                fill(follow_up, offset=unit_index * 3 + (year - last_year) * 2)
                created += 1
    stdout.write(f"  follow-ups created: {created}")
