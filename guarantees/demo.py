"""The demo municipality's service areas, units and guarantees (Ängsby kommun).

Runs after home/demo.py, which creates the home page; the city-wide commitments on it are
seeded here, since commitments at every level are the guarantees' (`load_city_commitments`).
Idempotent: committees are looked up by name, areas and units by slug before anything is
created, so a second run adds nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from guarantees import address_list, places
from guarantees.models import (
    Commitment,
    Committee,
    District,
    GuaranteePage,
    QualityCriterion,
    ServiceAreaPage,
    StreetAddress,
)
from home.models import HomePage

C = QualityCriterion


@dataclass(frozen=True)
class Measure:
    """How the yearly follow-up measures a commitment: what its expected result counts (`about`
    is a word of that expected result), the target, and the value the demo's follow-ups
    report for each outcome. The follow-up demo writes its measured values from this, so a
    commitment is never followed up with another commitment's figures."""

    about: str
    quantity: str
    target: float
    met: float
    partly: float
    not_met: float
    at_most: bool = False  # lower is better: "högst 12 olika medarbetare"

    def value(self, outcome):
        """The demo's value for an outcome ("met", "partly", "not_met": Outcome's values)."""
        return {"met": self.met, "partly": self.partly, "not_met": self.not_met}[outcome]

    def text(self, outcome):
        target = f"högst {_number(self.target)}" if self.at_most else _number(self.target)
        return f"{_number(self.value(outcome))} {self.quantity} (mål {target})"


def _number(value):
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class DemoCommitment:
    """One demo commitment, whole: what the guarantee says and how it is measured."""

    title: str
    expected_result: str
    quality_criterion: str
    way_of_working: str
    follow_up_method: str
    measure: Measure

    def fields(self):
        """The Commitment model's fields."""
        return {
            "title": self.title,
            "expected_result": self.expected_result,
            "quality_criterion": self.quality_criterion,
            "way_of_working": self.way_of_working,
            "follow_up_method": self.follow_up_method,
        }


commitment = DemoCommitment


CITY_COMMITMENTS = [
    commitment(
        "Du blir bemött med respekt, vänlighet och engagemang.",
        "Minst 90 procent av de svarande i kommunens årliga brukarundersökningar instämmer i "
        "att de blir bemötta med respekt.",
        C.TREATMENT,
        "Alla medarbetare går kommunens utbildning i bemötande och vi tar upp bemötande på "
        "arbetsplatsträffar varje kvartal.",
        "Kommungemensam fråga i varje brukarundersökning.",
        Measure(
            "respekt",
            "procent av de svarande instämmer i att de blir bemötta med respekt",
            90,
            93,
            87,
            78,
        ),
    ),
    commitment(
        "Du får svar på dina synpunkter och klagomål inom två arbetsdagar.",
        "Minst 95 procent av synpunkterna besvaras inom två arbetsdagar.",
        C.CONFIDENCE,
        "Synpunkter registreras och fördelas samma dag de kommer in.",
        "Uttag ur synpunktsregistret varje månad.",
        Measure(
            "synpunkterna",
            "procent av synpunkterna besvarades inom två arbetsdagar",
            95,
            97,
            91,
            79,
        ),
    ),
    commitment(
        "Du når oss på telefon och e-post under kontorstid.",
        "Minst 85 procent av samtalen besvaras inom tre minuter och e-post inom en arbetsdag.",
        C.ACCESSIBILITY,
        "Kontaktcenter tar emot samtal vardagar 8–17 och lotsar vidare.",
        "Statistik från växeln och e-postsystemet varje månad.",
        Measure("samtalen", "procent av samtalen besvarades inom tre minuter", 85, 91, 81, 68),
    ),
]


def load_city_commitments(home):
    """The commitments every unit makes, on the home page; only when it has none yet."""
    if home.commitments.exists():
        return 0
    for order, item in enumerate(CITY_COMMITMENTS):
        Commitment.objects.create(page=home, sort_order=order, **item.fields())
    home.save_revision().publish()  # so that the editor's latest revision holds them too
    return len(CITY_COMMITMENTS)


# --- Förskola ---------------------------------------------------------------------------

PRESCHOOL = {
    "kontaktpedagog": commitment(
        "Ditt barn har en egen kontaktpedagog från första dagen.",
        "Minst 95 procent av vårdnadshavarna vet vem som är barnets kontaktpedagog.",
        C.CONFIDENCE,
        "Kontaktpedagogen tar emot er vid inskolningen och håller ett uppföljningssamtal "
        "efter sex veckor.",
        "Vårdnadshavarenkät varje vår.",
        Measure(
            "kontaktpedagog",
            "procent av vårdnadshavarna vet vem som är barnets kontaktpedagog",
            95,
            98,
            92,
            84,
        ),
    ),
    "dagen": commitment(
        "Du får veta hur ditt barn har haft det under dagen.",
        "Minst 90 procent av vårdnadshavarna instämmer i att de får veta hur barnet haft det.",
        C.CONFIDENCE,
        "Vi berättar om dagen vid hämtning och lägger ut bilder och texter i lärplattformen "
        "varje vecka.",
        "Vårdnadshavarenkät varje vår.",
        Measure(
            "haft det",
            "procent av vårdnadshavarna instämmer i att de får veta hur barnet haft det",
            90,
            94,
            86,
            77,
        ),
    ),
    "utomhus": commitment(
        "Ditt barn är ute varje dag, oavsett väder.",
        "Barnen har utevistelse minst en timme varje dag under minst 95 procent av årets dagar.",
        C.CONFIDENCE,
        "Utevistelsen är planerad i veckoschemat och vi har extrakläder för barn som behöver.",
        "Avdelningarna för logg över utevistelse som sammanställs varje termin.",
        Measure(
            "utevistelse",
            "procent av årets dagar hade barnen minst en timmes utevistelse",
            95,
            98,
            92,
            85,
        ),
    ),
    "inflytande": commitment(
        "Ditt barn får vara med och påverka vad vi gör.",
        "Varje avdelning genomför minst två barnråd per termin och visar vad som blev av "
        "barnens idéer.",
        C.INFLUENCE,
        "Vi har barnråd och dokumenterar barnens förslag på en vägg som alla kan se.",
        "Genomgång av barnrådens protokoll vid terminens slut.",
        Measure("barnråd", "barnråd per avdelning och termin i snitt", 2, 2.5, 1.5, 1),
    ),
    "utvecklingssamtal": commitment(
        "Du erbjuds ett utvecklingssamtal om ditt barn varje år.",
        "Alla vårdnadshavare erbjuds minst ett utvecklingssamtal per år; minst 90 procent "
        "genomförs.",
        C.INFLUENCE,
        "Vi bokar samtalen i lärplattformen och erbjuder tolk när det behövs.",
        "Registrering av genomförda samtal i lärplattformen.",
        Measure(
            "utvecklingssamtal",
            "procent av de erbjudna utvecklingssamtalen genomfördes",
            90,
            95,
            86,
            74,
        ),
    ),
    "sprak": commitment(
        "Vi läser och berättar för barnen varje dag.",
        "Högläsning eller berättande sker minst en gång per dag på alla avdelningar.",
        C.CONFIDENCE,
        "Vi lånar böcker från biblioteket varje månad, även på barnens modersmål.",
        "Pedagogernas veckodokumentation följs upp av rektorn varje månad.",
        Measure(
            "högläsning", "procent av dagarna hade högläsning på alla avdelningar", 100, 100, 94, 81
        ),
    ),
}

# --- Grundskola -------------------------------------------------------------------------

SCHOOL = {
    "mentor": commitment(
        "Ditt barn har en mentor som följer skolgången.",
        "Minst 90 procent av eleverna i årskurs 5 och 8 svarar att de vet vem de kan vända sig "
        "till.",
        C.CONFIDENCE,
        "Mentorn har enskilda samtal med varje elev minst två gånger per termin.",
        "Skolenkäten och kommunens elevenkät varje år.",
        Measure(
            "vända sig till",
            "procent av eleverna i årskurs 5 och 8 vet vem de kan vända sig till",
            90,
            93,
            88,
            79,
        ),
    ),
    "franvaro": commitment(
        "Du får besked samma dag om ditt barn inte kommit till skolan.",
        "Vårdnadshavare meddelas senast klockan 10 vid minst 98 procent av ogiltig frånvaro.",
        C.CONFIDENCE,
        "Närvaro registreras vid första lektionen och frånvaromeddelandet skickas automatiskt.",
        "Uttag ur närvarosystemet varje månad.",
        Measure(
            "frånvaro",
            "procent av den ogiltiga frånvaron meddelades före klockan 10",
            98,
            99,
            96,
            89,
        ),
    ),
    "trygghet": commitment(
        "Ditt barn ska känna sig tryggt i skolan.",
        "Minst 90 procent av eleverna instämmer i att de känner sig trygga i skolan.",
        C.CONFIDENCE,
        "Rastvärdar finns ute på varje rast och trygghetsteamet går igenom otrygga platser "
        "varje termin.",
        "Kommunens elevenkät i årskurs 2, 5 och 8.",
        Measure(
            "trygga",
            "procent av eleverna instämmer i att de känner sig trygga i skolan",
            90,
            92,
            87,
            80,
        ),
    ),
    "elevrad": commitment(
        "Eleverna har inflytande över skolans arbete.",
        "Elevrådet träffar rektor minst fyra gånger per år och minst två förslag per år genomförs.",
        C.INFLUENCE,
        "Klassråd hålls varannan vecka och elevrådet har en egen budget.",
        "Elevrådets protokoll sammanställs i skolans kvalitetsrapport.",
        Measure("elevrådet", "möten mellan elevrådet och rektor under året", 4, 5, 3, 1),
    ),
    "stod": commitment(
        "Ditt barn får stöd när det behövs.",
        "Beslut om åtgärdsprogram fattas inom fyra veckor efter anmälan i minst 95 procent av "
        "fallen.",
        C.ACCESSIBILITY,
        "Elevhälsoteamet träffas varje vecka och vårdnadshavare bjuds in tidigt.",
        "Uppföljning av ärendetider i elevhälsans journalsystem varje termin.",
        Measure(
            "åtgärdsprogram",
            "procent av besluten om åtgärdsprogram fattades inom fyra veckor",
            95,
            97,
            90,
            82,
        ),
    ),
    "laxhjalp": commitment(
        "Läxhjälp finns varje vecka.",
        "Läxhjälp erbjuds minst två eftermiddagar per vecka under hela läsåret.",
        C.ACCESSIBILITY,
        "Lärare och studiecoacher bemannar läxhjälpen i biblioteket.",
        "Närvarolistor från läxhjälpen sammanställs varje termin.",
        Measure("läxhjälp", "eftermiddagar med läxhjälp per vecka i snitt", 2, 2, 1.5, 1),
    ),
    "info": commitment(
        "Du får veta hur ditt barn ligger till.",
        "Minst 85 procent av vårdnadshavarna instämmer i att de får information om barnets "
        "kunskapsutveckling.",
        C.TREATMENT,
        "Omdömen publiceras i lärplattformen varje termin och utvecklingssamtal hålls varje "
        "termin.",
        "Vårdnadshavarenkät varje vår.",
        Measure(
            "kunskapsutveckling",
            "procent av vårdnadshavarna får information om barnets kunskapsutveckling",
            85,
            89,
            82,
            71,
        ),
    ),
}

# --- Hemtjänst --------------------------------------------------------------------------

HOME_CARE = {
    "personal": commitment(
        "Du möter så få olika personer som möjligt.",
        "En brukare med dagliga insatser möter i genomsnitt högst 12 olika medarbetare under "
        "14 dagar.",
        C.CONFIDENCE,
        "Varje brukare har en kontaktperson och vi planerar i fasta arbetslag.",
        "Mätning i planeringssystemet två gånger per år.",
        Measure(
            "medarbetare", "olika medarbetare på 14 dagar i snitt", 12, 10, 13, 16, at_most=True
        ),
    ),
    "tid": commitment(
        "Vi kommer den tid vi har kommit överens om.",
        "Minst 90 procent av besöken påbörjas inom 15 minuter från avtalad tid.",
        C.ACCESSIBILITY,
        "Vi ringer alltid om vi blir försenade mer än 15 minuter.",
        "Tidsregistrering via mobil enhet, sammanställd varje månad.",
        Measure(
            "besöken",
            "procent av besöken påbörjades inom 15 minuter från avtalad tid",
            90,
            93,
            87,
            78,
        ),
    ),
    "genomforandeplan": commitment(
        "Du bestämmer tillsammans med oss hur hjälpen ska ges.",
        "Alla brukare har en genomförandeplan som upprättats med dem inom två veckor från start "
        "och följs upp varje halvår.",
        C.INFLUENCE,
        "Kontaktpersonen går igenom planen med dig och dina närstående om du vill.",
        "Kontroll i verksamhetssystemet varje kvartal.",
        Measure(
            "genomförandeplan",
            "procent av brukarna fick en genomförandeplan inom två veckor",
            100,
            100,
            94,
            83,
        ),
    ),
    "bemotande": commitment(
        "Du blir bemött med värdighet i ditt eget hem.",
        "Minst 90 procent av de svarande instämmer i att personalen bemöter dem väl.",
        C.TREATMENT,
        "Vi arbetar efter den nationella värdegrunden och diskuterar bemötande vid varje "
        "arbetsplatsträff.",
        "Socialstyrelsens brukarundersökning Vad tycker de äldre om äldreomsorgen?",
        Measure(
            "bemöter",
            "procent av de svarande instämmer i att personalen bemöter dem väl",
            90,
            92,
            88,
            79,
        ),
    ),
    "trygg": commitment(
        "Du känner dig trygg med hemtjänsten.",
        "Minst 85 procent av de svarande känner sig trygga med hemtjänsten.",
        C.CONFIDENCE,
        "Medarbetarna bär synlig legitimation och presenterar sig vid varje besök.",
        "Socialstyrelsens brukarundersökning varje år.",
        Measure(
            "trygga", "procent av de svarande känner sig trygga med hemtjänsten", 85, 89, 82, 74
        ),
    ),
    "larm": commitment(
        "Vi kommer snabbt när du larmar.",
        "Vid trygghetslarm är vi hos dig inom 30 minuter i minst 95 procent av fallen.",
        C.ACCESSIBILITY,
        "Nattpatrullen och dagpersonalen har gemensam larmplanering.",
        "Uttag ur larmsystemet varje månad.",
        Measure(
            "trygghetslarm",
            "procent av trygghetslarmen var vi på plats inom 30 minuter",
            95,
            97,
            92,
            85,
        ),
    ),
}

# --- Bibliotek --------------------------------------------------------------------------

LIBRARY = {
    "reservation": commitment(
        "Du får besked när din reservation finns att hämta.",
        "Minst 98 procent av avhämtningsmeddelandena skickas samma dag som boken kommit in.",
        C.ACCESSIBILITY,
        "Inkommande reservationer hanteras varje morgon innan biblioteket öppnar.",
        "Statistik ur bibliotekssystemet varje kvartal.",
        Measure(
            "avhämtningsmeddelandena",
            "procent av avhämtningsmeddelandena skickades samma dag",
            98,
            99,
            96,
            90,
        ),
    ),
    "inkop": commitment(
        "Vi köper in det du föreslår när det är möjligt.",
        "Minst 80 procent av inköpsförslagen bifalls och du får besked inom två veckor.",
        C.INFLUENCE,
        "Inköpsförslag lämnas i disken, på webben eller i appen och behandlas varje vecka.",
        "Sammanställning av inköpsförslag varje halvår.",
        Measure("inköpsförslagen", "procent av inköpsförslagen bifölls", 80, 84, 77, 66),
    ),
    "hjalp": commitment(
        "Du får hjälp att hitta det du söker.",
        "Minst 90 procent av besökarna instämmer i att de fått den hjälp de behövde.",
        C.TREATMENT,
        "Det finns alltid en bibliotekarie i informationsdisken under bemannad tid.",
        "Besökarenkät två veckor varje höst.",
        Measure(
            "hjälp",
            "procent av besökarna instämmer i att de fått den hjälp de behövde",
            90,
            93,
            87,
            80,
        ),
    ),
    "barn": commitment(
        "Barn och unga har egna aktiviteter varje vecka.",
        "Minst en aktivitet för barn eller unga erbjuds varje vecka under terminerna.",
        C.INFLUENCE,
        "Sagostunder, läsecirklar och lovaktiviteter planeras tillsammans med skolorna.",
        "Programstatistik varje termin.",
        Measure(
            "aktivitet",
            "procent av terminsveckorna hade minst en aktivitet för barn eller unga",
            100,
            100,
            92,
            80,
        ),
    ),
    "digital": commitment(
        "Du kan få hjälp med digitala tjänster.",
        "Drop-in för digital hjälp erbjuds minst en gång i veckan; minst 85 procent av "
        "deltagarna blir hjälpta.",
        C.ACCESSIBILITY,
        "Digitala guider hjälper till med e-legitimation, appar och digitala blanketter.",
        "Enkel enkät efter varje tillfälle.",
        Measure("deltagarna", "procent av deltagarna i drop-in blev hjälpta", 85, 90, 82, 73),
    ),
}


def _unit(
    slug, title, idea, address, opening_hours, phone, phone_hours, email, contact, keys, **kw
):
    return {
        "slug": slug,
        "title": title,
        "idea": idea,
        "address": address,
        "opening_hours": opening_hours,
        "phone": phone,
        "phone_hours": phone_hours,
        "email": email,
        "contact_person": contact,
        "keys": keys,
        **kw,
    }


AREAS = [
    {
        "slug": "forskola",
        "title": "Förskola",
        "committee": "Barn- och utbildningsnämnden",
        "prefix": "BUN",
        "decision_month_day": (12, 9),
        "intro": (
            "Förskolan är till för barn från ett år tills de börjar förskoleklass. Här ser du "
            "vad varje förskola lovar dig och ditt barn och vad som händer om vi inte håller det."
        ),
        "pool": PRESCHOOL,
        "area_commitments": [
            commitment(
                "Du får en plats inom fyra månader.",
                "Alla som ansökt om förskoleplats erbjuds plats inom fyra månader från önskat "
                "startdatum.",
                C.ACCESSIBILITY,
                "Placeringsenheten planerar platser ett år framåt och erbjuder plats i första "
                "hand på den förskola du önskat.",
                "Uppföljning i placeringssystemet varje månad.",
                Measure(
                    "fyra månader",
                    "procent av de sökande erbjöds plats inom fyra månader",
                    100,
                    100,
                    96,
                    88,
                ),
            ),
            commitment(
                "Förskolan följer läroplanen och arbetar med barnens lärande.",
                "Minst 90 procent av vårdnadshavarna instämmer i att förskolan stimulerar "
                "barnets utveckling och lärande.",
                C.CONFIDENCE,
                "Varje förskola gör en årlig plan utifrån läroplanen och följer upp den.",
                "Kommunens vårdnadshavarenkät varje vår.",
                Measure(
                    "lärande",
                    "procent av vårdnadshavarna instämmer i att förskolan stimulerar lärande",
                    90,
                    92,
                    87,
                    79,
                ),
            ),
        ],
        "routine": {
            "feedback_recipient": "Rektorn",
            "remedy": (
                "Om vi inte har hållit ett åtagande kontaktar rektorn dig inom två "
                "arbetsdagar, förklarar vad som hänt och berättar vad vi gör för att rätta "
                "till det."
            ),
            "remedy_contact": "Förskolans rektor",
            "remedy_contact_days": 2,
            "remedy_compensation": (
                "Har du betalat för omsorg som ditt barn inte fått kan du få avgiften nedsatt "
                "för de dagarna, enligt nämndens beslut."
            ),
            "escalation": (
                "Är du inte nöjd kan du vända dig till Barn- och utbildningsförvaltningen, "
                "telefon 0123-45 67 00. Du kan också kontakta Skolinspektionen."
            ),
        },
        "units": [
            _unit(
                "forskolan-solrosen",
                "Förskolan Solrosen",
                "Solrosen är en förskola med fem avdelningar mitt i Ängsby. Vi vill att varje "
                "barn ska känna sig sett, tryggt och nyfiket. Leken är vårt viktigaste verktyg "
                "och naturen runt hörnet vårt andra klassrum.",
                "Solrosvägen 12, 123 41 Ängsby",
                "Vardagar 6.30–18.00",
                "0123-45 61 10",
                "Vardagar 7.30–16.00",
                "solrosen@angsby.example",
                "Anna Berg, rektor",
                ["kontaktpedagog", "dagen", "utomhus"],
            ),
            _unit(
                "forskolan-ekorren",
                "Förskolan Ekorren",
                "Ekorren ligger i skogsbrynet och har en uttalad Ur och Skur-profil. Barnen "
                "lär sig om natur, hållbarhet och att ta hand om varandra genom att vara ute "
                "större delen av dagen, året runt.",
                "Skogsbrynet 3, 123 45 Ängsby",
                "Vardagar 6.30–17.30",
                "0123-45 61 20",
                "Vardagar 8.00–15.30",
                "ekorren@angsby.example",
                "Johan Nilsson, rektor",
                ["utomhus", "inflytande"],
            ),
            _unit(
                "forskolan-larkan",
                "Förskolan Lärkan",
                "Lärkan i Norrby är en flerspråkig förskola där tolv språk talas bland barnen. "
                "Vi arbetar med språket i allt vi gör och vill att alla barn ska få utveckla "
                "både svenskan och sitt modersmål.",
                "Lärkgatan 8, 123 50 Norrby",
                "Vardagar 6.00–18.30",
                "0123-45 61 30",
                "Vardagar 7.30–16.00",
                "larkan@angsby.example",
                "Fatima Hassan, rektor",
                ["sprak", "dagen", "utvecklingssamtal", "kontaktpedagog"],
            ),
            _unit(
                "forskolan-fyrklovern",
                "Förskolan Fyrklövern",
                "Fyrklövern är en liten förskola med två avdelningar i Kvarnby. Här känner alla "
                "varandra och vi samarbetar nära med Kvarnbyskolan så att övergången till "
                "förskoleklass blir trygg.",
                "Kvarnbacken 5, 123 70 Kvarnby",
                "Vardagar 6.30–17.30",
                "0123-45 61 40",
                "Vardagar 8.00–15.00",
                "fyrklovern@angsby.example",
                "Maria Ek, rektor",
                ["inflytande", "utvecklingssamtal", "dagen"],
            ),
            _unit(
                "montessoriforskolan-humlan",
                "Montessoriförskolan Humlan",
                "Humlan arbetar enligt Montessoripedagogiken. Vi tror på barnets egen drivkraft "
                "och ger varje barn tid och material att utforska i sin egen takt, i en lugn "
                "och förberedd miljö.",
                "Humlegatan 3, 123 43 Ängsby",
                "Vardagar 7.00–17.30",
                "0123-45 69 90",
                "Vardagar 8.00–12.00",
                "info@humlanforskolor.example",
                "Karin Lundqvist, rektor",
                ["kontaktpedagog", "inflytande", "sprak"],
                provider="Humlan Förskolor AB",
            ),
        ],
    },
    {
        "slug": "grundskola",
        "title": "Grundskola",
        "committee": "Barn- och utbildningsnämnden",
        "prefix": "BUN",
        "decision_month_day": (12, 9),
        "intro": (
            "Grundskolan omfattar förskoleklass och årskurs 1–9. Alla skolor i Ängsby, "
            "kommunala och fristående, visar här vad de lovar elever och vårdnadshavare."
        ),
        "pool": SCHOOL,
        "area_commitments": [
            commitment(
                "Alla elever ska nå kunskapskraven.",
                "Minst 85 procent av eleverna i årskurs 9 är behöriga till gymnasieskolans "
                "yrkesprogram.",
                C.CONFIDENCE,
                "Skolorna följer upp varje elevs kunskapsutveckling varje termin och sätter in "
                "stöd tidigt.",
                "Betygsstatistik varje läsår.",
                Measure(
                    "behöriga",
                    "procent av eleverna i årskurs 9 var behöriga till yrkesprogram",
                    85,
                    88,
                    83,
                    76,
                ),
            ),
            commitment(
                "Skolan arbetar aktivt mot kränkande behandling.",
                "Varje skola har en aktuell plan mot kränkande behandling och anmälningar "
                "utreds inom en vecka.",
                C.CONFIDENCE,
                "Rektor anmäler kränkningar till huvudmannen samma dag som de blir kända.",
                "Huvudmannens sammanställning av anmälningar varje termin.",
                Measure(
                    "inom en vecka",
                    "procent av anmälningarna utreddes inom en vecka",
                    100,
                    100,
                    93,
                    80,
                ),
            ),
            commitment(
                "Du kan påverka ditt barns skolgång.",
                "Minst 80 procent av vårdnadshavarna instämmer i att de kan påverka.",
                C.INFLUENCE,
                "Varje skola har ett skolråd där vårdnadshavare och elever deltar.",
                "Kommunens vårdnadshavarenkät varje vår.",
                Measure(
                    "påverka",
                    "procent av vårdnadshavarna instämmer i att de kan påverka",
                    80,
                    84,
                    76,
                    65,
                ),
            ),
        ],
        "routine": {
            "feedback_recipient": "Rektor",
            "remedy": (
                "Om vi inte har hållit ett åtagande kontaktar rektor dig inom två arbetsdagar. "
                "Vi förklarar vad som hänt, vad vi gör för att rätta till det och när du kan "
                "räkna med att det är åtgärdat."
            ),
            "remedy_contact": "Rektor",
            "remedy_contact_days": 2,
            "escalation": (
                "Är du inte nöjd kan du vända dig till Barn- och utbildningsförvaltningen, "
                "telefon 0123-45 67 00, eller till Skolinspektionen."
            ),
        },
        "units": [
            _unit(
                "angsbyskolan",
                "Ängsbyskolan",
                "Ängsbyskolan är en F–6-skola med fritidshem och 420 elever i centrala Ängsby. "
                "Vi vill att "
                "varje elev ska lämna oss med goda kunskaper, tilltro till sin förmåga och "
                "lust att lära mer.",
                "Skolgatan 2, 123 41 Ängsby",
                "Skoldagar 8.00–14.30, fritidshem 6.30–18.00",
                "0123-45 62 10",
                "Vardagar 7.30–16.00",
                "angsbyskolan@angsby.example",
                "Per Holm, rektor",
                ["mentor", "franvaro", "trygghet"],
            ),
            _unit(
                "norrbyskolan",
                "Norrbyskolan",
                "Norrbyskolan är en F–9-skola där elever med många olika bakgrunder möts. Vi "
                "arbetar med höga förväntningar, tydlig struktur och ett nära samarbete med "
                "hemmen.",
                "Norrbyvägen 40, 123 50 Norrby",
                "Skoldagar 8.00–15.30",
                "0123-45 62 20",
                "Vardagar 7.30–16.00",
                "norrbyskolan@angsby.example",
                "Leila Amini, rektor",
                ["laxhjalp", "stod", "franvaro", "info"],
            ),
            _unit(
                "kvarnbyskolan",
                "Kvarnbyskolan",
                "Kvarnbyskolan är en liten F–3-skola på landsbygden med 85 elever och eget "
                "fritidshem. Små grupper och närheten till naturen ger lugn och tid för varje "
                "barn.",
                "Skolvägen 1, 123 70 Kvarnby",
                "Skoldagar 8.15–13.30, fritidshem 6.30–17.30",
                "0123-45 62 30",
                "Vardagar 8.00–15.00",
                "kvarnbyskolan@angsby.example",
                "Eva Strand, rektor",
                ["trygghet", "info"],
            ),
            _unit(
                "sjoviksskolan",
                "Sjöviksskolan",
                "Sjöviksskolan är en 7–9-skola med profil inom naturvetenskap och teknik. Vi "
                "förbereder eleverna för gymnasiet och ger dem verktyg att förstå och påverka "
                "sin omvärld.",
                "Sjöviksvägen 15, 123 60 Sjövik",
                "Skoldagar 8.00–16.00",
                "0123-45 62 40",
                "Vardagar 7.30–16.00",
                "sjoviksskolan@angsby.example",
                "Mats Olsson, rektor",
                ["elevrad", "stod", "mentor"],
            ),
            _unit(
                "friskolan-kunskapstradet",
                "Friskolan Kunskapsträdet",
                "Kunskapsträdet är en fristående F–9-skola med fokus på läsning och matematik. "
                "Varje elev har en personlig studieplan som följs upp varannan vecka.",
                "Trädgårdsgatan 9, 123 44 Ängsby",
                "Skoldagar 8.00–15.00",
                "0123-45 69 80",
                "Vardagar 8.00–16.00",
                "info@kunskapstradet.example",
                "Sara Wikström, rektor",
                ["mentor", "info", "laxhjalp"],
                provider="Kunskapsträdet Skolor AB",
            ),
        ],
    },
    {
        "slug": "hemtjanst",
        "title": "Hemtjänst",
        "committee": "Vård- och omsorgsnämnden",
        "prefix": "VON",
        "decision_month_day": (12, 3),
        "intro": (
            "Hemtjänst är hjälp i hemmet för dig som behöver stöd i vardagen, till exempel med "
            "personlig omvårdnad, städning eller inköp. Du väljer själv utförare."
        ),
        "pool": HOME_CARE,
        "area_commitments": [
            commitment(
                "Hjälpen börjar snabbt efter beslut.",
                "Insatserna startar inom fem arbetsdagar efter biståndsbeslut i minst 95 "
                "procent av fallen.",
                C.ACCESSIBILITY,
                "Biståndshandläggaren och utföraren har ett gemensamt startmöte med dig.",
                "Uppföljning i verksamhetssystemet varje kvartal.",
                Measure(
                    "insatserna",
                    "procent av insatserna startade inom fem arbetsdagar efter beslut",
                    95,
                    97,
                    92,
                    84,
                ),
            ),
            commitment(
                "Du kan välja och byta utförare.",
                "Alla som beviljas hemtjänst får skriftlig information om alla utförare inom "
                "valfrihetssystemet.",
                C.INFLUENCE,
                "Information om utförarna finns på webben och skickas med beslutet.",
                "Stickprov i akterna två gånger per år.",
                Measure(
                    "utförare",
                    "procent av de nya besluten hade skriftlig information om alla utförare",
                    100,
                    100,
                    95,
                    86,
                ),
            ),
        ],
        "routine": {
            "feedback_recipient": "Enhetschefen för hemtjänstgruppen",
            "remedy": (
                "Om vi inte har hållit ett åtagande ringer enhetschefen upp dig inom två "
                "arbetsdagar. Vi ber om ursäkt, förklarar vad som hänt och erbjuder ett nytt "
                "besök."
            ),
            "remedy_contact": "Enhetschefen för hemtjänstgruppen",
            "remedy_contact_days": 2,
            "remedy_compensation": (
                "Ett besök som uteblev dras av på nästa faktura, så du betalar inte för hjälp "
                "du inte fått."
            ),
            "escalation": (
                "Är du inte nöjd kan du vända dig till Vård- och omsorgsförvaltningen, "
                "telefon 0123-45 67 00, eller till Inspektionen för vård och omsorg (IVO)."
            ),
        },
        "units": [
            _unit(
                "hemtjanst-centrum",
                "Hemtjänst Centrum",
                "Vi ger stöd och omsorg till dig som bor i centrala Ängsby så att du kan leva "
                "ett självständigt liv i ditt eget hem, på dina villkor.",
                "Storgatan 20, 123 41 Ängsby",
                "Alla dagar 7.00–22.00",
                "0123-45 63 10",
                "Vardagar 8.00–16.00",
                "hemtjanst.centrum@angsby.example",
                "Lena Karlsson, enhetschef",
                ["personal", "tid", "bemotande"],
            ),
            _unit(
                "hemtjanst-norr",
                "Hemtjänst Norr",
                "Hemtjänst Norr arbetar i Norrby och de norra bostadsområdena. Vi har "
                "medarbetare som talar arabiska, somaliska och finska och anpassar stödet "
                "efter dig.",
                "Norrbyvägen 12, 123 50 Norrby",
                "Alla dagar 7.00–22.00",
                "0123-45 63 20",
                "Vardagar 8.00–16.00",
                "hemtjanst.norr@angsby.example",
                "Ahmed Yusuf, enhetschef",
                ["genomforandeplan", "tid", "trygg", "personal"],
            ),
            _unit(
                "hemtjanst-soder",
                "Hemtjänst Söder",
                "Vi arbetar i de södra delarna av Ängsby och i Sjövik. Våra medarbetare har "
                "särskild kompetens inom demensvård och rehabiliterande arbetssätt.",
                "Södra vägen 7, 123 60 Sjövik",
                "Alla dagar 7.00–22.00",
                "0123-45 63 30",
                "Vardagar 8.00–16.00",
                "hemtjanst.soder@angsby.example",
                "Birgitta Lund, enhetschef",
                ["trygg", "genomforandeplan"],
            ),
            _unit(
                "hemtjanst-kvarnby",
                "Hemtjänst Kvarnby",
                "Vi ger hemtjänst på landsbygden runt Kvarnby. Långa avstånd kräver god "
                "planering, och vi lovar att du alltid vet vem som kommer och när.",
                "Kvarnbacken 2, 123 70 Kvarnby",
                "Alla dagar 7.00–21.30",
                "0123-45 63 40",
                "Vardagar 8.00–15.00",
                "hemtjanst.kvarnby@angsby.example",
                "Erik Sandberg, enhetschef",
                ["tid", "larm", "personal"],
            ),
            _unit(
                "omsorgsgruppen-hemtjanst",
                "Omsorgsgruppen Hemtjänst Ängsby",
                "Omsorgsgruppen är en privat utförare inom kommunens valfrihetssystem. Vi "
                "erbjuder hemtjänst med fasta team och en egen sjuksköterska som samordnar "
                "med vårdcentralen.",
                "Industrigatan 4, 123 46 Ängsby",
                "Alla dagar 7.00–22.00",
                "0123-45 69 70",
                "Vardagar 8.00–17.00",
                "angsby@omsorgsgruppen.example",
                "Helena Björk, verksamhetschef",
                ["personal", "bemotande", "trygg"],
                provider="Omsorgsgruppen i Mälardalen AB",
            ),
        ],
    },
    {
        "slug": "bibliotek",
        "title": "Bibliotek",
        "committee": "Kultur- och fritidsnämnden",
        "prefix": "KFN",
        "decision_month_day": (11, 26),
        "intro": (
            "Biblioteken är öppna för alla. Här lånar du böcker, ljudböcker och tidningar, "
            "får hjälp med digitala tjänster och kan delta i program för barn och vuxna."
        ),
        "pool": LIBRARY,
        "area_commitments": [
            commitment(
                "Biblioteken är tillgängliga för alla.",
                "Alla bibliotek har tillgänglig entré, hörslinga och medier i lättläst form "
                "och på minst fem språk.",
                C.ACCESSIBILITY,
                "Tillgängligheten inventeras varje år tillsammans med kommunens "
                "tillgänglighetsråd.",
                "Årlig tillgänglighetsinventering.",
                Measure(
                    "hörslinga",
                    "av 5 bibliotek hade tillgänglig entré, hörslinga och lättlästa medier",
                    5,
                    5,
                    4,
                    3,
                ),
            ),
            commitment(
                "Lånet är avgiftsfritt.",
                "Inga avgifter tas ut för lån av böcker och andra medier.",
                C.ACCESSIBILITY,
                "Förseningsavgifter är avskaffade; vi påminner i stället med sms och e-post.",
                "Genomgång av avgiftsuttag i bibliotekssystemet varje år.",
                Measure("avgifter", "lån med avgifter under året", 0, 0, 3, 40, at_most=True),
            ),
        ],
        "routine": {
            "feedback_recipient": "Bibliotekschefen",
            "remedy": (
                "Om vi inte har hållit ett åtagande får du svar inom två arbetsdagar med en "
                "förklaring och vad vi gör för att det inte ska hända igen."
            ),
            "remedy_contact": "Bibliotekschefen",
            "remedy_contact_days": 2,
            "escalation": (
                "Är du inte nöjd kan du vända dig till Kultur- och fritidsförvaltningen, "
                "telefon 0123-45 67 00."
            ),
        },
        "units": [
            _unit(
                "angsby-stadsbibliotek",
                "Ängsby stadsbibliotek",
                "Stadsbiblioteket är kommunens största bibliotek och en mötesplats för alla. "
                "Vi främjar läsning, fri åsiktsbildning och digital delaktighet.",
                "Biblioteksgatan 1, 123 41 Ängsby",
                "Mån–tors 10–19, fre 10–18, lör 11–15",
                "0123-45 64 10",
                "Vardagar 10.00–16.00",
                "stadsbiblioteket@angsby.example",
                "Cecilia Forsberg, bibliotekschef",
                ["reservation", "hjalp", "digital", "inkop"],
            ),
            _unit(
                "norrby-bibliotek",
                "Norrby bibliotek",
                "Norrby bibliotek ligger i Norrby centrum och har en stor avdelning med medier "
                "på andra språk än svenska. Vi samarbetar nära med skolorna i området.",
                "Norrby torg 4, 123 50 Norrby",
                "Mån–tors 11–19, fre 11–16",
                "0123-45 64 20",
                "Vardagar 11.00–16.00",
                "norrby.bibliotek@angsby.example",
                "Jonas Lindgren, biblioteksansvarig",
                ["barn", "digital"],
            ),
            _unit(
                "kvarnby-bibliotek",
                "Kvarnby bibliotek",
                "Kvarnby bibliotek är ett meröppet bibliotek: med lånekort och kod kommer du in "
                "alla dagar 7–22, även när ingen personal är på plats.",
                "Skolvägen 1, 123 70 Kvarnby",
                "Meröppet alla dagar 7–22, bemannat tis och tors 13–18",
                "0123-45 64 30",
                "Tis och tors 13.00–18.00",
                "kvarnby.bibliotek@angsby.example",
                "Jonas Lindgren, biblioteksansvarig",
                ["reservation", "barn"],
            ),
            _unit(
                "bokbussen",
                "Bokbussen",
                "Bokbussen når dig som bor långt från ett bibliotek. Den stannar vid 40 "
                "hållplatser varannan vecka och besöker förskolor och äldreboenden.",
                "Utgår från Biblioteksgatan 1, 123 41 Ängsby",
                "Enligt turlista, varannan vecka",
                "0123-45 64 40",
                "Vardagar 9.00–10.00",
                "bokbussen@angsby.example",
                "Cecilia Forsberg, bibliotekschef",
                ["reservation", "hjalp", "barn"],
            ),
            _unit(
                "sjoviks-bygdebibliotek",
                "Sjöviks bygdebibliotek",
                "Sjöviks bygdebibliotek drivs av bygdegårdsföreningen på uppdrag av kommunen. "
                "Biblioteket är en del av bygdegården och en naturlig samlingsplats i Sjövik.",
                "Bygdegårdsvägen 3, 123 60 Sjövik",
                "Tis 14–19, tors 14–19, lör 10–13",
                "0123-45 69 60",
                "Tis och tors 14.00–19.00",
                "bibliotek@sjoviksbygdegard.example",
                "Gunilla Ahlström, föreståndare",
                ["hjalp", "inkop", "barn"],
                provider="Sjöviks Bygdegårdsförening",
            ),
        ],
    },
]


# --- Finding a unit: district per unit ------------------------------------------------
# Kept apart from the records above so that either can change without the other. Opening
# hours are in the records; the provider kind follows from `provider` (none: kommunal).

DISTRICTS = {
    "forskolan-solrosen": "Ängsby centrum",
    "forskolan-ekorren": "Ängsby centrum",
    "forskolan-larkan": "Norrby",
    "forskolan-fyrklovern": "Kvarnby",
    "montessoriforskolan-humlan": "Ängsby centrum",
    "angsbyskolan": "Ängsby centrum",
    "norrbyskolan": "Norrby",
    "kvarnbyskolan": "Kvarnby",
    "sjoviksskolan": "Sjövik",
    "friskolan-kunskapstradet": "Ängsby centrum",
    "hemtjanst-centrum": "Ängsby centrum",
    "hemtjanst-norr": "Norrby",
    "hemtjanst-soder": "Sjövik",
    "hemtjanst-kvarnby": "Kvarnby",
    "omsorgsgruppen-hemtjanst": "Ängsby centrum",
    "angsby-stadsbibliotek": "Ängsby centrum",
    "norrby-bibliotek": "Norrby",
    "kvarnby-bibliotek": "Kvarnby",
    "sjoviks-bygdebibliotek": "Sjövik",
    # The book bus stops all over the municipality: no one district.
}


# --- Places: the address list, the districts' outlines, each unit's position ------------
# The address list is the municipality's own (guarantees/demo_addresses.csv, in the format
# `import_addresses` reads); each unit's position is its visiting address's entry there, so the
# list, the units and the map always agree. The outlines tile Ängsby kommun: Ängsby centrum in
# the middle, Norrby to the north, Kvarnby to the west and Sjövik by the lake to the south-east.

DEMO_ADDRESS_LIST = Path(__file__).with_name("demo_addresses.csv")

DISTRICT_OUTLINES = {
    "Ängsby centrum": "61.28643 14.76259\n61.28191 14.82806\n61.30452 14.84676\n"
    "61.31809 14.81871\n61.31628 14.77194",
    "Norrby": "61.31628 14.77194\n61.31809 14.81871\n61.34070 14.85612\n61.35426 14.80000\n"
    "61.33617 14.75324",
    "Kvarnby": "61.28643 14.76259\n61.31628 14.77194\n61.33617 14.75324\n61.32713 14.68776\n"
    "61.29096 14.67841\n61.27287 14.72518",
    "Sjövik": "61.28643 14.76259\n61.28191 14.82806\n61.30452 14.84676\n61.30452 14.91224\n"
    "61.26382 14.93094\n61.24122 14.85612\n61.25478 14.78129\n61.27287 14.72518",
}

# How a unit of each area is named in a sentence ("Det finns ingen förskola i Sjövik.").
UNIT_NOUNS = {
    "forskola": "en förskola",
    "grundskola": "en grundskola",
    "hemtjanst": "en hemtjänstgrupp",
    "bibliotek": "ett bibliotek",
}


def load_address_list():
    """The demo's address list, imported as an operator would (`import_addresses`)."""
    with DEMO_ADDRESS_LIST.open(encoding="utf-8") as stream:
        result = address_list.read(stream)
    if result.errors:
        raise ValueError(f"The demo address list is broken: {result.errors[:3]}")
    if StreetAddress.objects.count() != len(result.entries):
        address_list.replace(result.entries)
        return len(result.entries)
    return 0


def load_district_outlines():
    for name, outline in DISTRICT_OUTLINES.items():
        District.objects.get_or_create(name=name, defaults={"outline": outline})


def position_of(address):
    """(latitude, longitude) of a demo unit's visiting address in the address list."""
    typed = places.read_address(address.removeprefix("Utgår från "))
    if typed is None:
        return (None, None)
    try:
        entry = places.find_address(typed)
    except (places.AddressNotFound, places.AddressAmbiguous):
        return (None, None)
    return (entry.latitude, entry.longitude)


def load_positions(area):
    """Each demo unit's position, also on a demo database made before units had one. The
    book bus has no fixed place: it stays off the map."""
    for unit in GuaranteePage.objects.child_of(area).filter(latitude__isnull=True):
        if unit.slug in MOVING_UNITS:
            continue
        latitude, longitude = position_of(unit.address)
        if latitude is not None:
            GuaranteePage.objects.filter(pk=unit.pk).update(latitude=latitude, longitude=longitude)
    noun = UNIT_NOUNS.get(area.slug)
    if noun and not area.unit_noun:
        ServiceAreaPage.objects.filter(pk=area.pk).update(unit_noun=noun)


MOVING_UNITS = {"bokbussen"}


# The demo's public history (guarantees/history.py): a commitment the committee approved
# after the guarantee was first published, on its decision date.
ADDED_LATER = {"forskolan-solrosen": "utomhus"}


def _add_later(page, item):
    """Date the page's first publication on its decision date, then add `item` and publish
    again (today), as an editor's change approved by the committee would."""
    from wagtail.models import PageLogEntry

    first = timezone.make_aware(datetime.datetime.combine(page.decision_date, datetime.time(10, 0)))
    PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").update(timestamp=first)
    GuaranteePage.objects.filter(pk=page.pk).update(first_published_at=first)
    page = GuaranteePage.objects.get(pk=page.pk)
    items = list(page.commitments.all())
    page.commitments = [*items, Commitment(sort_order=len(items), **item.fields())]
    page.save_revision().publish()


def load_districts(area):
    """Each demo unit's district, also on a demo database made before units had one."""
    for unit in GuaranteePage.objects.child_of(area).filter(district=""):
        district = DISTRICTS.get(unit.slug)
        if district:
            GuaranteePage.objects.filter(pk=unit.pk).update(district=district)


def _commitments(page, items):
    for order, item in enumerate(items):
        page.commitments.add(Commitment(sort_order=order, **item.fields()))


def demo_commitments():
    """Every commitment the demo writes, at all three levels."""
    yield from CITY_COMMITMENTS
    for spec in AREAS:
        yield from spec["area_commitments"]
        yield from spec["pool"].values()


def measure_of(title):
    """The declared measure of the demo commitment with this title, or None."""
    return next((c.measure for c in demo_commitments() if c.title == title), None)


def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: run home's demo first")
        return
    if load_city_commitments(home):
        stdout.write("  created the city-wide commitments")
    if imported := load_address_list():
        stdout.write(f"  imported the address list: {imported} addresses")
    load_district_outlines()
    year = timezone.localdate().year
    created_areas = created_units = 0

    for a, spec in enumerate(AREAS):
        committee, _ = Committee.objects.get_or_create(name=spec["committee"])
        area = ServiceAreaPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if area is None:
            area = ServiceAreaPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                committee=committee,
                unit_noun=UNIT_NOUNS.get(spec["slug"], ""),
                show_in_menus=True,
            )
            _commitments(area, spec["area_commitments"])
            home.add_child(instance=area)
            area.save_revision().publish()
            created_areas += 1

        month, day = spec["decision_month_day"]
        for u, unit in enumerate(spec["units"]):
            if GuaranteePage.objects.child_of(area).filter(slug=unit["slug"]).exists():
                continue
            fields = {k: v for k, v in unit.items() if k != "keys"}
            latitude, longitude = (
                (None, None) if unit["slug"] in MOVING_UNITS else position_of(unit["address"])
            )
            later = ADDED_LATER.get(unit["slug"])
            page = GuaranteePage(
                **fields,
                district=DISTRICTS.get(unit["slug"], ""),
                latitude=latitude,
                longitude=longitude,
                **spec["routine"],
                valid_from=datetime.date(year, 1, 1),
                valid_to=datetime.date(year, 12, 31),
                committee=committee,
                decision_date=datetime.date(year - 1, month, day),
                record_number=f"{spec['prefix']} {year - 1}/{140 + 20 * a + u}",
            )
            _commitments(page, [spec["pool"][key] for key in unit["keys"] if key != later])
            area.add_child(instance=page)
            page.save_revision().publish()
            if later:
                _add_later(page, spec["pool"][later])
            created_units += 1
        load_districts(area)
        load_positions(area)

    stdout.write(f"  created {created_areas} service areas and {created_units} guarantees")
