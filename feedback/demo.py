"""A year of feedback for the demo units: each case written whole, with the kind of unit it
is about (a message about home care goes to a home-care team), its commitment when it
reports a broken promise, and the action it led to. Some are answered, some answered late,
a few are overdue and a few came in today, relative to the day the demo is loaded.

The cases are handled by the demo's people (staff/demo.py, loaded first): a case in progress
has its handler, an answer its author. The reminders the scheduled command would have sent on
the mornings since the oldest open case fell due are sent as it sends them, each at its
morning. The starting reply templates (reply_templates.py) are loaded too.

Idempotent: demo cases carry submission keys "demo-<n>", so a second run finds them.
"""

import datetime
import random
from dataclasses import dataclass
from io import StringIO

from django.db import transaction
from django.utils import timezone

from guarantees.models import GuaranteePage, ServiceAreaPage
from staff import demo as staff_demo

from . import services
from .models import Dimension, Feedback, Kind
from .reply_templates import load_starting_set


@dataclass(frozen=True)
class DemoMessage:
    """What a resident writes, with what it is about and what the unit did about it."""

    text: str
    dimension: str
    commitment: str = ""  # the title of the commitment it says was broken
    action: str = ""  # what the unit changed because of it


D = Dimension
M = DemoMessage

# By the service area (ServiceAreaPage slug) of the unit the message is about; "" for
# feedback about no particular unit.
MESSAGES = {
    "forskola": {
        Kind.OPINION: [
            M("Det vore bra om veckobreven också fanns i lärplattformen.", D.INFORMATION),
            M("Hallen blir trång vid hämtningen när alla kommer samtidigt.", D.ACCESSIBILITY),
        ],
        Kind.COMPLAINT: [
            M(
                "Vårt barn var inne hela dagen i förra veckan fast det var uppehållsväder.",
                D.DELIVERY,
                commitment="Ditt barn är ute varje dag, oavsett väder.",
                action="Utevistelsen står nu i veckoschemat för varje avdelning.",
            ),
            M(
                "Vi har inte fått veta vem som är vår kontaktpedagog efter tre veckor.",
                D.INFORMATION,
                commitment="Ditt barn har en egen kontaktpedagog från första dagen.",
                action="Kontaktpedagogen presenteras nu skriftligt första inskolningsdagen.",
            ),
        ],
        Kind.PRAISE: [
            M("Mitt barn trivs så bra och längtar till förskolan varje morgon.", D.TREATMENT),
            M("Tack för en trygg och varm inskolning!", D.TREATMENT),
        ],
        Kind.SUGGESTION: [
            M("Ni kunde lägga ut matsedeln i lärplattformen en vecka i förväg.", D.INFORMATION),
        ],
    },
    "grundskola": {
        Kind.OPINION: [
            M("Skolgården behöver fler platser att sitta på under rasterna.", D.OTHER),
            M("Informationen om utvecklingssamtalen kom väldigt sent.", D.INFORMATION),
        ],
        Kind.COMPLAINT: [
            M(
                "Vi fick inget besked om att vår son saknades på lektionen i tisdags.",
                D.INFORMATION,
                commitment="Du får besked samma dag om ditt barn inte kommit till skolan.",
                action="Frånvaromeddelandet skickas nu automatiskt efter första lektionen.",
            ),
            M(
                "Min dotter känner sig otrygg i korridoren vid matsalen.",
                D.DELIVERY,
                commitment="Ditt barn ska känna sig tryggt i skolan.",
                action="Rastvärdar finns nu också i korridoren vid matsalen.",
            ),
        ],
        Kind.PRAISE: [
            M(
                "Mentorn har verkligen hjälpt vår son att komma tillbaka efter sjukdomen.",
                D.TREATMENT,
            ),
            M("Läxhjälpen i biblioteket är fantastisk, tack!", D.DELIVERY),
        ],
        Kind.SUGGESTION: [
            M("Fritidshemmet kunde ha öppet till 18.30 på fredagar.", D.ACCESSIBILITY),
        ],
    },
    "hemtjanst": {
        Kind.OPINION: [
            M("Det är många olika personer som kommer hem till min mamma.", D.DELIVERY),
            M("Jag saknar möjligheten att ringa er på eftermiddagen.", D.ACCESSIBILITY),
        ],
        Kind.COMPLAINT: [
            M(
                "Hemtjänsten kom två timmar för sent utan att höra av sig.",
                D.DELIVERY,
                commitment="Vi kommer den tid vi har kommit överens om.",
                action="Vi skickar nu sms till brukaren när ett besök blir mer än 15 minuter "
                "försenat.",
            ),
            M(
                "Personalen var otrevlig när jag frågade om schemat.",
                D.TREATMENT,
                action="Personalen har fått repetera kommunens riktlinjer för bemötande.",
            ),
        ],
        Kind.PRAISE: [
            M("Stort tack till personalen för ett fantastiskt bemötande!", D.TREATMENT),
            M("Min pappa känner sig trygg med er, tack.", D.TREATMENT),
        ],
        Kind.SUGGESTION: [
            M("Ett sms när hemtjänsten blir försenad skulle göra stor skillnad.", D.INFORMATION),
        ],
    },
    "bibliotek": {
        Kind.OPINION: [
            M("Det är för få sittplatser i läsesalen på lördagar.", D.ACCESSIBILITY),
            M("Ljudboksappen är svår att förstå för oss äldre.", D.INFORMATION),
        ],
        Kind.COMPLAINT: [
            M(
                "Entrén är svår att ta sig in i med rullator.",
                D.ACCESSIBILITY,
                commitment="Biblioteken är tillgängliga för alla.",
                action="En ramp vid entrén är beställd och monteras i vår.",
            ),
            M(
                "Jag fick inget meddelande när min reserverade bok kom in.",
                D.INFORMATION,
                commitment="Du får besked när din reservation finns att hämta.",
                action="Avhämtningsmeddelanden skickas nu varje morgon innan vi öppnar.",
            ),
        ],
        Kind.PRAISE: [
            M("Bibliotekarien hjälpte mig att hitta precis rätt bok. Tack!", D.TREATMENT),
            M("Snabbt och vänligt svar när jag ringde om min e-legitimation.", D.TREATMENT),
        ],
        Kind.SUGGESTION: [
            M(
                "Ni kunde ha öppet en kväll till i veckan för oss som arbetar dagtid.",
                D.ACCESSIBILITY,
            ),
        ],
    },
    "": {
        Kind.OPINION: [
            M("Det är svårt att hitta vilken enhet man ska vända sig till.", D.INFORMATION),
        ],
        Kind.COMPLAINT: [
            M(
                "Jag har inte fått svar på mitt mejl trots att det gått över en vecka.",
                D.TREATMENT,
                action="Rutinen för att svara på e-post är förtydligad: svar inom en arbetsdag.",
            ),
        ],
        Kind.PRAISE: [M("Kontaktcenter gav mig snabbt rätt svar. Tack!", D.TREATMENT)],
        Kind.SUGGESTION: [M("Lägg till en chatt på webbplatsen.", D.ACCESSIBILITY)],
    },
}
# Each a whole letter, greeting first, naming what the resident sent.
REPLIES = {
    Kind.OPINION: "Hej!\n\nTack för din synpunkt. Vi har tagit upp den på vår arbetsplatsträff."
    "\n\nVänliga hälsningar",
    Kind.COMPLAINT: "Hej!\n\nTack för ditt klagomål. Vi beklagar det inträffade. Vi har gått "
    "igenom vad som hände och berättar här vad vi gör för att det inte ska hända igen."
    "\n\nVänliga hälsningar",
    Kind.PRAISE: "Hej!\n\nTack för ditt beröm! Vi har delat det med hela arbetslaget."
    "\n\nVänliga hälsningar",
    Kind.SUGGESTION: "Hej!\n\nTack för ditt förslag. Vi tar med det när vi planerar nästa "
    "termin.\n\nVänliga hälsningar",
}
# The hour the scheduler runs remind_feedback_handlers.
REMINDER_HOUR = 7
NAMES = ["Anna Lind", "Erik Johansson", "Fatima Ali", "Lars Berg", "Maria Nilsson", ""]
# The first cases of the demo, relative to the day it is loaded: unanswered past their
# deadline (two working days, so ten days ago is late whatever the holidays), and just in.
OVERDUE = 4
TODAY = 3


def area_slug_of(unit, areas):
    if unit is None:
        return ""
    return next((area.slug for area in areas if unit.path.startswith(area.path)), "")


def send_past_reminders(now):
    """Run the reminders as the scheduler would have, every morning from the day the oldest
    open case fell due until today."""
    first = Feedback.objects.open().order_by("deadline").values_list("deadline", flat=True)
    if not first:
        return 0
    sent = 0
    day = first[0]
    while day <= timezone.localdate(now):
        morning = timezone.make_aware(datetime.datetime.combine(day, datetime.time(REMINDER_HOUR)))
        sent += services.remind_handlers(now=min(morning, now))
        day += datetime.timedelta(days=1)
    return sent


# A resident who wrote in Finnish (the site's /fi/ form): the case keeps its language, so the
# handler sees "finska" and the receipt and reply go out in Finnish. The resident's own words,
# not interface text: they stay as written.
FINNISH_CASE = DemoMessage(
    "Kotihoidon työntekijät ovat ystävällisiä, mutta haluaisin tietää etukäteen, kuka tulee "
    "käymään.",
    D.INFORMATION,
)


def _load_finnish_case(units, areas, now):
    unit = next((u for u in units if area_slug_of(u, areas) == "hemtjanst"), None)
    if unit is None:
        return 0
    Feedback.receive(
        unit=unit,
        kind=Kind.OPINION,
        dimension=FINNISH_CASE.dimension,
        message=FINNISH_CASE.text,
        name="Aino Virtanen",
        email="aino@example.se",
        wants_reply=True,
        language="fi",
        received_at=now - datetime.timedelta(minutes=5),
        submission_key="demo-fi",
    )
    return 1


def load(stdout):
    units = list(GuaranteePage.objects.live().order_by("path"))
    load_starting_set()
    if Feedback.objects.filter(submission_key__startswith="demo-").exists():
        stdout.write("feedback: demo cases already there")
        return
    # The people who handle the cases (idempotent; the staff demo lists them later).
    staff_demo.load(StringIO())
    areas = list(ServiceAreaPage.objects.all())
    rng = random.Random(4)  # the same demo every time
    now = timezone.now()
    created = 0
    targets = units or [None]
    with transaction.atomic():
        for n in range(max(40, 12 * len(targets))):
            unit = targets[n % len(targets)]
            messages = MESSAGES.get(area_slug_of(unit, areas), MESSAGES[""])
            kind = rng.choices(list(Kind), weights=[4, 3, 3, 1])[0]
            message = rng.choice(messages[kind])
            if n < OVERDUE:
                received = now - datetime.timedelta(days=10 + n, hours=2)
            elif n < OVERDUE + TODAY:
                received = now - datetime.timedelta(minutes=20 + 30 * n)
            else:
                received = now - datetime.timedelta(
                    days=rng.randint(7, 364), hours=rng.randint(0, 9)
                )
            anonymous = rng.random() < 0.3
            name = "" if anonymous else rng.choice(NAMES)
            commitment = None
            if unit is not None and message.commitment:
                commitment = unit.applicable_commitments().filter(title=message.commitment).first()
            case, _token = Feedback.receive(
                unit=unit,
                kind=kind,
                dimension=message.dimension,
                commitment=commitment,
                message=message.text,
                anonymous=anonymous,
                name=name,
                email=f"{name.split()[0].lower()}@example.se" if name else "",
                wants_reply=bool(name),
                received_at=received,
                submission_key=f"demo-{n}",
            )
            handler = case.handlers().first()
            if n < OVERDUE:
                # Half of the late ones were taken (by the unit's handler, where it has one).
                if n % 2 and handler is not None:
                    case.assign(handler, handler, when=received + datetime.timedelta(hours=3))
            elif n >= OVERDUE + TODAY:
                # Answered, most in time, a few late; old cases closed.
                delay = datetime.timedelta(days=rng.choice([0, 1, 1, 2, 4]), hours=3)
                case.answer(REPLIES[kind], handler, when=received + delay)
                if message.action:
                    case.record_action(message.action, handler)
                if (now - received).days > 30:
                    case.close(handler, when=received + delay + datetime.timedelta(days=1))
            created += 1
        created += _load_finnish_case(units, areas, now)
        reminders = send_past_reminders(now)
    stdout.write(
        f"feedback: {created} demo cases over {len(units)} units, {reminders} reminder(s) sent"
    )
