"""A year of feedback for the demo units, some answered, some overdue, with actions recorded.

Idempotent: demo cases carry submission keys "demo-<n>", so a second run finds them.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from guarantees.models import GuaranteePage

from .models import Dimension, Feedback, Kind, Status

MESSAGES = {
    Kind.OPINION: [
        "Det vore bra om informationen på anslagstavlan också fanns på webben.",
        "Lokalerna känns trånga när många är där samtidigt.",
        "Jag saknar möjligheten att boka tid via telefon på eftermiddagen.",
    ],
    Kind.COMPLAINT: [
        "Jag har inte fått svar på mitt mejl trots att det gått över en vecka.",
        "Personalen var otrevlig när jag frågade om schemat.",
        "Hemtjänsten kom två timmar för sent utan att höra av sig.",
        "Entrén är svår att ta sig in i med rullator.",
    ],
    Kind.PRAISE: [
        "Stort tack till personalen för ett fantastiskt bemötande!",
        "Mitt barn trivs så bra och längtar dit varje morgon.",
        "Snabbt och vänligt svar när jag ringde. Tack!",
    ],
    Kind.SUGGESTION: [
        "Ni kunde ha öppet en kväll i veckan för oss som arbetar dagtid.",
        "Ett sms när hemtjänsten blir försenad skulle göra stor skillnad.",
    ],
}
REPLIES = [
    "Tack för att du hörde av dig. Vi har tagit upp det här på vår arbetsplatsträff.",
    "Vi beklagar det inträffade och har pratat med berörd personal.",
    "Tack för dina vänliga ord, vi har delat dem med hela arbetslaget.",
]
ACTIONS = [
    "Rutinen för att svara på e-post är förtydligad: svar inom en arbetsdag.",
    "Personalen har fått repetera kommunens riktlinjer för bemötande.",
    "En ramp vid entrén är beställd och monteras i vår.",
    "Vi skickar nu sms till brukaren när ett besök blir mer än 15 minuter försenat.",
]
NAMES = ["Anna Lind", "Erik Johansson", "Fatima Ali", "Lars Berg", "Maria Nilsson", ""]


def load(stdout):
    units = list(GuaranteePage.objects.live().order_by("path"))
    if Feedback.objects.filter(submission_key__startswith="demo-").exists():
        stdout.write("feedback: demo cases already there")
        return
    rng = random.Random(4)  # the same demo every time
    now = timezone.now()
    created = 0
    targets = units or [None]
    with transaction.atomic():
        for n in range(max(40, 12 * len(targets))):
            unit = targets[n % len(targets)]
            kind = rng.choices(list(Kind), weights=[4, 3, 3, 1])[0]
            received = now - datetime.timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 9))
            anonymous = rng.random() < 0.3
            name = "" if anonymous else rng.choice(NAMES)
            commitment = None
            if unit is not None and kind == Kind.COMPLAINT and rng.random() < 0.5:
                commitment = unit.commitments.order_by("sort_order").first()
            case, _token = Feedback.receive(
                unit=unit,
                kind=kind,
                dimension=rng.choice(list(Dimension)),
                commitment=commitment,
                message=rng.choice(MESSAGES[kind]),
                anonymous=anonymous,
                name=name,
                email=f"{name.split()[0].lower()}@example.se" if name else "",
                wants_reply=bool(name),
                received_at=received,
                submission_key=f"demo-{n}",
            )
            age = (now - received).days
            if age > 5 or rng.random() < 0.5:
                # Most old cases were answered, a few of them late.
                delay = datetime.timedelta(days=rng.choice([0, 1, 1, 2, 4]), hours=3)
                case.answer(rng.choice(REPLIES), None, when=received + delay)
                if kind == Kind.COMPLAINT or rng.random() < 0.3:
                    case.record_action(rng.choice(ACTIONS), None)
                if age > 30:
                    case.close(None, when=received + delay + datetime.timedelta(days=1))
            elif age > 3:
                case.status = Status.IN_PROGRESS  # left overdue on purpose
            case.save()
            created += 1
    stdout.write(f"feedback: {created} demo cases over {len(units)} units")
