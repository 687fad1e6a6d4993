"""Demo e-proposals in every state, with votes. Idempotent: a proposal is found by its title."""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from guarantees.models import ServiceAreaPage

from .canonical import voter_hash
from .models import Decision, Proposal, ProposalEvent, RejectionReason, Status, Vote

S = Status


@dataclass(frozen=True)
class DemoProposal:
    """One demo proposal, whole: its text, its state and the service area it is about (a
    ServiceAreaPage slug of the guarantees demo, or None for what no area covers)."""

    title: str
    body: str
    name: str
    status: str
    days: int | None  # since its voting period opened; None when it never opened
    votes: int
    extra: dict
    area: str | None


PROPOSALS = [
    DemoProposal(
        "Längre öppettider på biblioteket på lördagar",
        "Många som arbetar på vardagar hinner bara till biblioteket på helgen. Håll öppet "
        "till klockan 16 på lördagar, åtminstone under vinterhalvåret.",
        "Maria L.",
        S.OPEN,
        12,
        23,
        {},
        area="bibliotek",
    ),
    DemoProposal(
        "Belysning på gång- och cykelvägen till Ängsbyskolan",
        "Vägen genom skogsdungen är helt mörk på morgonen från november till februari. "
        "Barnen vågar inte cykla. Sätt upp belysning på sträckan.",
        "Föräldrar i Norrby",
        S.OPEN,
        40,
        61,
        {},
        area="grundskola",
    ),
    DemoProposal(
        "Vattenlek i Stadsparken",
        "En enkel vattenlek för små barn i Stadsparken skulle göra parken till en samlingsplats "
        "på sommaren, som i grannkommunen.",
        "Jonas",
        S.OPEN,
        80,
        9,
        {},
        area=None,
    ),
    DemoProposal(
        "Matsedeln på förskolan på nätet en vecka i förväg",
        "Publicera förskolornas matsedel på webbplatsen minst en vecka i förväg så att vi kan "
        "planera middagarna hemma.",
        "Sara och Ahmed",
        S.ANSWERED,
        150,
        74,
        {
            "decision": Decision.APPROVED,
            "answer_text": "Barn- och utbildningsnämnden bifaller förslaget. Från hösten "
            "publiceras matsedeln för alla kommunala förskolor två veckor i förväg.",
        },
        area="forskola",
    ),
    DemoProposal(
        "Fler platser på fritidshemmet under sommarlovet",
        "Sommarfritids har för få platser och det är kö redan i april. Öka antalet platser "
        "eller öppna en avdelning till.",
        "Eva K.",
        S.ANSWERED,
        200,
        58,
        {
            "decision": Decision.PARTLY_APPROVED,
            "answer_text": "Nämnden utökar med 20 platser i centrala Ängsby men har inte "
            "möjlighet att öppna en ny avdelning i år.",
        },
        area="grundskola",
    ),
    DemoProposal(
        "Gratis simskola för alla sjuåringar",
        "Alla barn ska kunna simma. Erbjud gratis simskola till alla barn det år de fyller sju.",
        "Lars",
        S.AT_COMMITTEE,
        95,
        52,
        {},
        area="grundskola",
    ),
    DemoProposal(
        "Hundrastgård i Norrparken",
        "Det finns ingen inhägnad hundrastgård i norra delen av kommunen. Bygg en i Norrparken.",
        "Hundägare i Norr",
        S.CLOSED,
        120,
        17,
        {},
        area=None,
    ),
    DemoProposal(
        "Trygghetsvandring i hemtjänsten",
        "Låt brukare och anhöriga gå en trygghetsvandring med hemtjänsten en gång om året och "
        "berätta vad som kan bli bättre.",
        "Ingrid, 81 år",
        S.OPEN,
        3,
        4,
        {},
        area="hemtjanst",
    ),
    DemoProposal(
        "Solceller på alla kommunala skolor",
        "Kommunens skolor har stora platta tak. Sätt solceller på dem och låt eleverna följa "
        "elproduktionen i undervisningen.",
        "Klass 8B",
        S.AWAITING_MODERATION,
        None,
        0,
        {},
        area="grundskola",
    ),
    DemoProposal(
        "Sänk skatten för pensionärer",
        "Pensionärer borde betala lägre kommunalskatt.",
        "Bertil",
        S.REJECTED,
        None,
        0,
        {"rejection_reason": RejectionReason.OUTSIDE_COMPETENCE},
        area=None,
    ),
]


def load(stdout):
    areas = {area.slug: area for area in ServiceAreaPage.objects.in_source_language()}
    now = timezone.now()
    created = 0
    for n, record in enumerate(PROPOSALS):
        title, body, name, status = record.title, record.body, record.name, record.status
        days, votes, extra = record.days, record.votes, record.extra
        if Proposal.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            fields = {
                "title": title,
                "body": body,
                "display_name": name,
                "proposer_email": f"demo{n}@angsby.example",
                "service_area": areas.get(record.area),
                "status": status,
                "created_at": now - timedelta(days=(days or 1) + 2),
                "confirmed_at": now - timedelta(days=(days or 1) + 1),
                "threshold": 50,
                **extra,
            }
            if days is not None:
                fields["opens_at"] = now - timedelta(days=days)
                fields["closes_at"] = fields["opens_at"] + timedelta(days=90)
            if status == S.ANSWERED:
                fields["answered_at"] = timezone.localdate() - timedelta(days=days - 100)
            proposal = Proposal.objects.create(vote_count=votes, **fields)
            Vote.objects.bulk_create(
                Vote(
                    proposal=proposal,
                    voter_hash=voter_hash("demo", f"{n}-{i}"),
                    network=("192.0.2.0/24", "198.51.100.0/24", "2001:db8:1::/48")[i % 3],
                    mail_domain=("example.se", "gmail.com", "telia.com")[i % 3],
                    created_at=fields["opens_at"] + timedelta(hours=i * 7),
                )
                for i in range(votes)
            )
            path = [S.UNCONFIRMED, S.AWAITING_MODERATION]
            if status == S.REJECTED:
                path.append(S.REJECTED)
            elif status != S.AWAITING_MODERATION:
                path.append(S.OPEN)
                if status in (S.AT_COMMITTEE, S.ANSWERED):
                    path.append(S.AT_COMMITTEE)
                if status == S.CLOSED:
                    path.append(S.CLOSED)
                if status == S.ANSWERED:
                    path.append(S.ANSWERED)
            when = {
                S.UNCONFIRMED: fields["created_at"],
                S.AWAITING_MODERATION: fields["confirmed_at"],
                S.REJECTED: fields["confirmed_at"] + timedelta(hours=20),
                S.OPEN: fields.get("opens_at"),
                S.CLOSED: fields.get("closes_at"),
                S.AT_COMMITTEE: fields.get("closes_at"),
            }
            if status == S.ANSWERED:
                when[S.ANSWERED] = timezone.make_aware(
                    datetime.datetime.combine(fields["answered_at"], datetime.time(14))
                )
            for old, new in zip([""] + path, path, strict=False):
                ProposalEvent.objects.create(
                    proposal=proposal,
                    kind=ProposalEvent.Kind.STATUS,
                    from_status=old,
                    to_status=new,
                    at=when[new],
                )
        created += 1
    if created:
        stdout.write(f"  created {created} e-proposals")
