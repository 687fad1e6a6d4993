import json

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.resident_input import absolute_url, render_limited_form, resident_post_limit
from home.spreadsheets import spreadsheet_response
from home.views import rate_limited
from outbox.mail import queue_mail

from .forms import ListFilterForm, ProposalForm
from .identity import get_verifier, render_token_error, verifiers
from .models import Confirmation, Proposal, ProposalEvent, Status, TokenError


@require_GET
def proposal_list(request):
    form = ListFilterForm(request.GET or None)
    proposals = form.filter(Proposal.objects.public().select_related("service_area"))
    page = Paginator(proposals, 10).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "proposals/list.html",
        {"form": form, "page_obj": page, "querystring": query.urlencode()},
    )


def _public_or_404(pk):
    proposal = get_object_or_404(Proposal.objects.select_related("service_area"), pk=pk)
    if not proposal.is_public:
        raise Http404
    return proposal


def _detail_context(proposal, forms=None):
    forms = forms or {}
    offered = []
    if proposal.is_open_for_votes:
        for verifier in verifiers():
            offered.append((verifier, forms.get(verifier.key) or verifier.get_form()))
    return {
        "proposal": proposal,
        "events": proposal.events.filter(kind=ProposalEvent.Kind.STATUS),
        "verifiers": offered,
    }


@require_GET
def proposal_detail(request, pk):
    proposal = _public_or_404(pk)
    return render(request, "proposals/detail.html", _detail_context(proposal))


def _vote_limited(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = get_verifier(verifier)
    form = chosen.get_form(request.POST) if chosen is not None else None
    if form is None:
        return rate_limited(request)
    context = _detail_context(proposal, {chosen.key: form})
    return render_limited_form(request, "proposals/detail.html", context, form)


@require_POST
@resident_post_limit("proposals.vote", on_limit=_vote_limited)
def vote_begin(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = get_verifier(verifier)
    if chosen is None:
        raise Http404
    if not proposal.is_open_for_votes:
        return render(
            request,
            "proposals/vote_done.html",
            {"proposal": proposal, "outcome": {"message": gettext("Röstningen är avslutad.")}},
            status=409,
        )
    response = chosen.begin(request, proposal)
    if response is None:
        form = chosen.get_form(request.POST)
        form.is_valid()
        context = _detail_context(proposal, {chosen.key: form})
        return render(request, "proposals/detail.html", context, status=400)
    return response


@require_http_methods(["GET", "POST"])
@resident_post_limit("proposals.confirm")
def vote_callback(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = get_verifier(verifier)
    if chosen is None:
        raise Http404
    return chosen.callback(request, proposal)


@require_GET
def vote_sent(request, pk):
    return render(request, "proposals/vote_sent.html", {"proposal": _public_or_404(pk)})


def similar_proposals(title, body=""):
    query = title
    if not query:
        return []
    return list(Proposal.objects.public().search(query, operator="or")[:5])


def _submit_limited(request):
    form = ProposalForm(request.POST)
    return render_limited_form(request, "proposals/new.html", {}, form)


@require_http_methods(["GET", "POST"])
@resident_post_limit("proposals.submit", on_limit=_submit_limited)
def proposal_new(request):
    """Two steps without JavaScript: "Fortsätt" shows similar proposals, "Skicka" stores."""
    if request.method != "POST":
        return render(request, "proposals/new.html", {"form": ProposalForm()})
    form = ProposalForm(request.POST)
    step = request.POST.get("steg")
    if step == "andra":  # back from the check, to change the text
        return render(request, "proposals/new.html", {"form": form})
    if not form.is_valid():
        return render(request, "proposals/new.html", {"form": form}, status=400)
    if step != "skicka":
        return render(
            request,
            "proposals/new_check.html",
            {"form": form, "similar": similar_proposals(form.cleaned_data["title"])},
        )
    data = form.cleaned_data
    with transaction.atomic():
        proposal = Proposal.objects.create(
            title=data["title"],
            body=data["body"],
            service_area=data["service_area"],
            display_name=data["display_name"],
            proposer_email=data["email"],
        )
        ProposalEvent.objects.create(
            proposal=proposal, kind=ProposalEvent.Kind.STATUS, to_status=Status.UNCONFIRMED
        )
        _confirmation, token = Confirmation.issue(Confirmation.Kind.PROPOSAL, proposal)
        queue_mail(
            data["email"],
            gettext("Bekräfta ditt e-förslag"),
            "proposals/mail/confirm_proposal.txt",
            {
                "proposal": proposal,
                "link": absolute_url(reverse("proposals:confirm") + "?t=" + token),
            },
        )
    return redirect("proposals:sent")


@require_GET
def proposal_sent(request):
    return render(request, "proposals/sent.html")


@require_http_methods(["GET", "POST"])
@resident_post_limit("proposals.confirm")
def proposal_confirm(request):
    token = request.GET.get("t", "")
    if request.method != "POST":
        try:
            confirmation = Confirmation.verify(Confirmation.Kind.PROPOSAL, token)
        except TokenError as error:
            return render_token_error(request, None, str(error))
        return render(
            request,
            "proposals/confirm_proposal.html",
            {"proposal": confirmation.proposal, "token": token},
        )
    with transaction.atomic():
        try:
            confirmation = Confirmation.redeem(Confirmation.Kind.PROPOSAL, token)
        except TokenError as error:
            return render_token_error(request, None, str(error))
        confirmation.proposal.confirm_by_proposer()
    return render(request, "proposals/confirmed.html", {"proposal": confirmation.proposal})


# Open data ------------------------------------------------------------------------------------

EXPORT_FIELDS = [
    "id",
    "title",
    "body",
    "display_name",
    "service_area",
    "status",
    "votes",
    "threshold",
    "opens_at",
    "closes_at",
    "decision",
    "answer",
    "answered_at",
    "url",
]


def _export_rows(request):
    proposals = Proposal.objects.public().select_related("service_area").order_by("pk")
    for p in proposals:
        yield {
            "id": p.pk,
            "title": p.title,
            "body": p.body,
            "display_name": p.display_name,
            "service_area": p.service_area.title if p.service_area else "",
            "status": p.status,
            "votes": p.vote_count,
            "threshold": p.threshold,
            "opens_at": p.opens_at.isoformat() if p.opens_at else "",
            "closes_at": p.closes_at.isoformat() if p.closes_at else "",
            "decision": p.decision,
            "answer": p.answer_text,
            "answered_at": p.answered_at.isoformat() if p.answered_at else "",
            "url": absolute_url(p.get_absolute_url()),
        }


@require_GET
def export_json(request):
    body = json.dumps({"proposals": list(_export_rows(request))}, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@require_GET
def export_csv(request):
    rows = ([row[field] for field in EXPORT_FIELDS] for row in _export_rows(request))
    return spreadsheet_response("e-forslag.csv", EXPORT_FIELDS, rows)
