import json

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.antispam import anonymous_form
from home.caching import public_cache
from home.resident_input import absolute_url, render_limited_form, resident_post_limit
from home.spreadsheets import spreadsheet_response
from home.transitions import TransitionError
from home.views import rate_limited
from identity import resident
from identity.errors import SignInFailed
from identity.views import render_failure
from outbox.languages import current_language

from . import open_data, services
from .forms import ListFilterForm, ProposalForm
from .frontend_cache import PROPOSAL_CACHE_SECONDS
from .identity import (
    EidVerifier,
    EmailVerifier,
    ProveByMail,
    VerificationFailed,
    get_verifier,
    is_configured,
    verifiers,
)
from .models import (
    VISIBLE_STATUSES,
    Confirmation,
    Proposal,
    ProposalEvent,
    Status,
    TokenError,
    VoteCounted,
)


@public_cache(max_age=PROPOSAL_CACHE_SECONDS, s_maxage=PROPOSAL_CACHE_SECONDS)
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
        "events": ProposalEvent.public_history(proposal),
        "verifiers": offered,
    }


@public_cache(max_age=PROPOSAL_CACHE_SECONDS, s_maxage=PROPOSAL_CACHE_SECONDS)
@require_GET
def proposal_detail(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("service_area").filter(status__in=VISIBLE_STATUSES), pk=pk
    )
    if proposal.status == Status.REMOVED:
        # Gone for good: the page says so and why, and nothing of what was written.
        return render(request, "proposals/removed.html", {"proposal": proposal}, status=410)
    return render(request, "proposals/detail.html", _detail_context(proposal))


def _verifier_or_404(key):
    verifier = get_verifier(key)
    if verifier is None:
        raise Http404
    return verifier


def render_vote_outcome(request, proposal, message, counted=False, again=False):
    """The vote's outcome page. `again`: a mailed link used again whose vote is counted."""
    return render(
        request,
        "proposals/vote_done.html",
        {
            "proposal": proposal,
            "outcome": {"counted": counted or again, "again": again, "message": message},
        },
        status=200 if counted or again else 409,
    )


def render_vote_counted_again(request, proposal):
    return render_vote_outcome(request, proposal, " ".join(VoteCounted().messages), again=True)


def render_token_error(request, proposal, message):
    return render(
        request,
        "proposals/token_error.html",
        {"proposal": proposal, "message": message},
        status=400,
    )


def _vote_limited(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = get_verifier(verifier)
    form = chosen.get_form(request.POST) if chosen is not None else None
    if form is None:
        return rate_limited(request)
    context = _detail_context(proposal, {chosen.key: form})
    return render_limited_form(request, "proposals/detail.html", context, form)


@anonymous_form
@require_POST
@resident_post_limit("proposals.vote", on_limit=_vote_limited)
def vote_begin(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = _verifier_or_404(verifier)
    if not proposal.is_open_for_votes:
        return render_vote_outcome(request, proposal, gettext("Röstningen är avslutad."))
    try:
        step = chosen.begin(request, proposal)
    except SignInFailed as failure:
        return render_failure(request, failure)
    if step is None:
        form = chosen.get_form(request.POST)
        form.is_valid()
        context = _detail_context(proposal, {chosen.key: form})
        return render(request, "proposals/detail.html", context, status=400)
    if isinstance(step, ProveByMail):
        callback = reverse("proposals:vote_callback", args=[proposal.pk, chosen.key])
        services.ask_to_confirm_vote(proposal, step, request.META.get("REMOTE_ADDR"), callback)
        return redirect("proposals:vote_sent", pk=proposal.pk)
    return redirect(step)  # to the identity provider


# The pages around a mailed vote link are the same for every anonymous visitor of a proposal:
# they are kept rendered in the cache for a short while, so the link's GET reads no database
# and its POST only runs the vote's transaction.
SAME_FOR_EVERYONE_SECONDS = 60


def _same_for_everyone(request, key, render_page):
    """`render_page()`'s response, kept as HTML under `key` for visitors without a session or
    pending messages (whose pages could differ: an editor's user bar, a message)."""
    personal = {settings.SESSION_COOKIE_NAME, "messages"} & set(request.COOKIES)
    if personal:
        return render_page()
    html = cache.get(key)
    if html is not None:
        return HttpResponse(html)
    response = render_page()
    if response.status_code == 200:
        cache.set(key, response.content, SAME_FOR_EVERYONE_SECONDS)
    return response


# The browser that used a mailed link remembers which (the link's number, sent back only to
# this proposal's vote paths), so that opening the link again says the vote is counted
# instead of offering the button: the link's page still reads no database. Another browser
# gets the button, and its POST answers the same (`VoteCounted`).
USED_LINK_COOKIE = "rostlank"


def _remember_used_link(request, response, pk, link):
    response.set_cookie(
        USED_LINK_COOKIE,
        link,
        max_age=Confirmation.max_age(),
        path=reverse("proposals:vote_sent", args=[pk]).removesuffix("skickat/"),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _vote_by_mailed_link(request, pk, token):
    try:
        link, _nonce = Confirmation.check_signature(Confirmation.Kind.VOTE, token)
        if request.method != "POST":
            if request.COOKIES.get(USED_LINK_COOKIE) == link:
                return _same_for_everyone(
                    request,
                    f"proposals:vote-counted-again:{pk}",
                    lambda: render_vote_counted_again(request, _public_or_404(pk)),
                )
            # A GET only shows the button: mail scanners follow links (e-petitions #1661). The
            # form posts back to this address, token included, so its HTML is the same for all.
            return _same_for_everyone(
                request,
                f"proposals:confirm-vote:{pk}",
                lambda: render(
                    request, "proposals/confirm_vote.html", {"proposal": _public_or_404(pk)}
                ),
            )
        services.vote_by_mailed_link(pk, token)
    except TokenError as error:
        return render_token_error(request, _public_or_404(pk), str(error))
    except VoteCounted:
        counted = render_vote_counted_again(request, _public_or_404(pk))
        return _remember_used_link(request, counted, pk, link)
    except TransitionError as error:
        return render_vote_outcome(request, _public_or_404(pk), " ".join(error.messages))
    # The heading thanks; the message says what happened.
    response = _same_for_everyone(
        request,
        f"proposals:vote-counted:{pk}",
        lambda: render_vote_outcome(
            request, _public_or_404(pk), gettext("Din röst är registrerad."), counted=True
        ),
    )
    return _remember_used_link(request, response, pk, link)


@csrf_protect
def _vote_by_identity(request, pk, verifier):
    proposal = _public_or_404(pk)
    chosen = _verifier_or_404(verifier)
    try:
        identity = chosen.callback(request, proposal)
        _vote, taken_over = services.vote(proposal, identity, request.META.get("REMOTE_ADDR"))
    except SignInFailed as failure:
        return render_failure(request, failure)
    except VerificationFailed as error:
        return render_token_error(request, proposal, str(error))
    except TransitionError as error:
        return render_vote_outcome(request, proposal, " ".join(error.messages))
    if taken_over:
        message = gettext(
            "Du hade redan röstat med e-post, så rösten räknas inte två gånger. Nu är den "
            "verifierad med e-legitimation."
        )
    else:
        message = f"{gettext('Din röst är registrerad.')} {chosen.verified_by}".strip()
    return render_vote_outcome(request, proposal, message, counted=not taken_over)


# The mailed link's POST needs no CSRF token: the single-use secret in its address is what a
# forged cross-site request cannot have, and a forged request with the forger's own link would
# only cast the forger's vote. An identity provider's callback keeps Django's CSRF check.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@resident_post_limit("proposals.confirm")
def vote_callback(request, pk, verifier):
    """Where a voter comes back: from a mailed link, or from an identity provider."""
    token = request.GET.get("t", "")
    if token:
        if not is_configured(verifier):
            raise Http404
        return _vote_by_mailed_link(request, pk, token)
    return _vote_by_identity(request, pk, verifier)


@require_GET
def vote_sent(request, pk):
    return render(request, "proposals/vote_sent.html", {"proposal": _public_or_404(pk)})


SIGNED_PROPOSAL = "proposals.new.signed"


def proposal_ways():
    """How a proposer may confirm: "skicka" (a mailed link) and/or signing with e-ID."""
    keys = {verifier.key for verifier in verifiers()}
    ways = []
    if EmailVerifier.key in keys:
        ways.append("skicka")
    if EidVerifier.key in keys:
        ways.append(EidVerifier.key)
    return ways


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
        # Back from a signature that failed: the text waits in the session, shown again.
        kept = request.session.get(SIGNED_PROPOSAL) if request.session.session_key else None
        return render(request, "proposals/new.html", {"form": ProposalForm(initial=kept)})
    form = ProposalForm(request.POST)
    step = request.POST.get("steg")
    if step == "andra":  # back from the check, to change the text
        return render(request, "proposals/new.html", {"form": form})
    if not form.is_valid():
        return render(request, "proposals/new.html", {"form": form}, status=400)
    ways = proposal_ways()
    if step not in ways:  # "Fortsätt", or a way the municipality does not offer
        return render(
            request,
            "proposals/new_check.html",
            {"form": form, "similar": similar_proposals(form.cleaned_data["title"]), "ways": ways},
            status=400 if step in ("skicka", EidVerifier.key) else 200,
        )
    if step == EidVerifier.key:
        # The text waits in the session while the proposer signs at the e-ID broker.
        # With it the language it was written in: the way back from the broker may not be.
        request.session[SIGNED_PROPOSAL] = {
            **{name: request.POST.get(name, "") for name in form.fields},
            "language": current_language(),
        }
        try:
            return redirect(resident.begin(request, "proposal", reverse("proposals:new_signed")))
        except SignInFailed as failure:
            return render_failure(request, failure)
    data = form.cleaned_data
    services.submit(
        title=data["title"],
        body=data["body"],
        service_area=data["service_area"],
        display_name=data["display_name"],
        email=data["email"],
    )
    return redirect("proposals:sent")


@require_GET
def proposal_signed(request):
    """The proposer is back from the e-ID broker: the proposal is stored, signed."""
    try:
        resident.complete(request, "proposal", way_back=reverse("proposals:new"))
    except SignInFailed as failure:
        return render_failure(request, failure)
    kept = request.session.pop(SIGNED_PROPOSAL, None)
    form = ProposalForm(kept)
    if not form.is_valid():  # the session ended meanwhile: the text is gone, say so
        return render(request, "proposals/new.html", {"form": form}, status=400)
    data = form.cleaned_data
    proposal = services.submit_signed(
        title=data["title"],
        body=data["body"],
        service_area=data["service_area"],
        display_name=data["display_name"],
        email=data["email"],
        language=kept.get("language"),
    )
    return render(request, "proposals/confirmed.html", {"proposal": proposal})


@require_GET
def proposal_sent(request):
    return render(request, "proposals/sent.html")


@require_http_methods(["GET", "POST"])
@resident_post_limit("proposals.confirm")
def proposal_confirm(request):
    token = request.GET.get("t", "")
    try:
        if request.method != "POST":
            confirmation = Confirmation.verify(Confirmation.Kind.PROPOSAL, token)
            return render(
                request,
                "proposals/confirm_proposal.html",
                {"proposal": confirmation.proposal, "token": token},
            )
        proposal = services.confirm(token)
    except TokenError as error:
        return render_token_error(request, None, str(error))
    except TransitionError as error:
        return render_token_error(request, None, " ".join(error.messages))
    return render(request, "proposals/confirmed.html", {"proposal": proposal})


# Open data ------------------------------------------------------------------------------------


@public_cache(max_age=PROPOSAL_CACHE_SECONDS, s_maxage=PROPOSAL_CACHE_SECONDS)
@require_GET
def open_data_page(request):
    """What the export's fields mean and under which licence: from the export's own list."""
    fields = [
        {"name": name, "type": kind, "description": description, "codes": codes}
        for name, (kind, description, codes) in open_data.FIELDS.items()
    ]
    return render(
        request,
        "proposals/open_data.html",
        {
            "fields": fields,
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": open_data.LICENCE_URL,
            "count": Proposal.objects.public().count(),
        },
    )


def _export_rows(request):
    proposals = Proposal.objects.public().select_related("service_area").order_by("pk")
    for p in proposals:
        values = {
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
        # Only the documented fields, in their order (open_data.FIELDS).
        yield {name: values[name] for name in open_data.EXPORT_FIELDS}


@public_cache(max_age=PROPOSAL_CACHE_SECONDS, s_maxage=PROPOSAL_CACHE_SECONDS)
@require_GET
def export_json(request):
    data = {"license": open_data.LICENCE_URL, "proposals": list(_export_rows(request))}
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@public_cache(max_age=PROPOSAL_CACHE_SECONDS, s_maxage=PROPOSAL_CACHE_SECONDS)
@require_GET
def export_csv(request):
    fields = open_data.EXPORT_FIELDS
    rows = ([row[field] for field in fields] for row in _export_rows(request))
    return spreadsheet_response("e-forslag.csv", fields, rows)
