"""The resident's side: send feedback, see the receipt, follow the case. Views stay thin."""

import hashlib
import json

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from guarantees.models import Commitment, GuaranteePage
from home.antispam import anonymous_form, fresh_parts
from home.resident_input import absolute_url, render_limited_form, resident_post_limit
from home.transitions import TransitionError

from . import services
from .forms import FeedbackForm, PreselectForm
from .models import RESUBMIT_WINDOW, Feedback, FeedbackEvent, Kind
from .receipts import receipt_context, reply_possible, unit_as_read

RECEIPTS_SESSION_KEY = "feedback_receipts"


def _live_unit(unit_id):
    return get_object_or_404(GuaranteePage.objects.live().public(), pk=unit_id)


def _tracking_url(token):
    return absolute_url(reverse("feedback:track", args=[token]))


def _fingerprint(fields):
    """What the resident sent, without the form's key: the same text sent from a form that
    was rendered again (Back, reload) has the same fingerprint."""
    sent = {
        name: getattr(value, "pk", value)
        for name, value in fields.items()
        if name != "submission_key"
    }
    return hashlib.sha256(json.dumps(sent, sort_keys=True, default=str).encode()).hexdigest()


def _receipts(request):
    """This browser's recent receipts: reference -> {token, key, sent, at}."""
    receipts = request.session.get(RECEIPTS_SESSION_KEY, {})
    # Sessions from before the key and fingerprint were kept hold the token alone.
    return {
        reference: entry if isinstance(entry, dict) else {"token": entry}
        for reference, entry in receipts.items()
    }


def _remember_receipt(request, case, token, fields):
    receipts = _receipts(request)
    receipts.pop(case.reference, None)
    receipts[case.reference] = {
        "token": token,
        "key": fields["submission_key"],
        "sent": _fingerprint(fields),
        "at": timezone.now().timestamp(),
    }
    # Keep the session small: the last few receipts are enough for a reload.
    request.session[RECEIPTS_SESSION_KEY] = dict(list(receipts.items())[-10:])


def _earlier_receipt(request, fields):
    """The reference of a case this browser sent from the same form, or with the same words,
    within RESUBMIT_WINDOW: Back and send again shows that receipt instead of a second case.

    Returns (reference, same_words)."""
    since = (timezone.now() - RESUBMIT_WINDOW).timestamp()
    sent = _fingerprint(fields)
    for reference, entry in reversed(_receipts(request).items()):
        if entry.get("at", 0) < since:
            continue
        if entry.get("sent") == sent:
            return reference, True
        if entry.get("key") == fields["submission_key"]:
            return reference, False
    return None, False


def _submit(request, form, template, context):
    """Validate and store, or re-render with the errors (works without JavaScript)."""
    if form.is_valid():
        fields = form.case_fields()
        reference, same_words = _earlier_receipt(request, fields)
        if reference is not None:
            if not same_words:
                messages.info(
                    request,
                    _(
                        "Det här formuläret var redan skickat, så ändringen sparades inte. "
                        "Vill du lägga till något kan du skicka en ny synpunkt."
                    ),
                )
            return redirect("feedback:receipt", reference=reference)
        try:
            case, token = services.receive(fields, _tracking_url)
        except TransitionError as error:
            form.add_error(None, error)
        else:
            _remember_receipt(request, case, token, fields)
            return redirect("feedback:receipt", reference=case.reference)
    return render(request, template, {**context, "form": form}, status=400)


def _general_limited(request):
    form = FeedbackForm(request.POST, pick_unit=True)
    return render_limited_form(request, "feedback/general_form.html", {}, form)


@never_cache
@anonymous_form
@require_http_methods(["GET", "POST"])
@resident_post_limit("feedback", on_limit=_general_limited)
def general(request):
    """/synpunkter/: feedback about any unit (picked from a list) or the municipality at large."""
    template = "feedback/general_form.html"
    if request.method == "POST":
        form = FeedbackForm(request.POST, pick_unit=True)
        return _submit(request, form, template, {})
    initial = {}
    unit_id = PreselectForm.read(request.GET).get("enhet")
    if unit_id is not None:
        initial["unit"] = str(unit_id)
    return render(request, template, {"form": FeedbackForm(initial=initial, pick_unit=True)})


def _unit_limited(request, unit_id):
    unit = _live_unit(unit_id)
    form = FeedbackForm(request.POST, unit=unit)
    return render_limited_form(request, "feedback/unit_form.html", {"unit": unit}, form)


@never_cache
@anonymous_form
@require_http_methods(["GET", "POST"])
@resident_post_limit("feedback", on_limit=_unit_limited)
def unit_submit(request, unit_id):
    """The target of the form embedded in a guarantee; shows the form again on errors."""
    unit = _live_unit(unit_id)
    template = "feedback/unit_form.html"
    context = {"unit": unit}
    if request.method == "POST":
        form = FeedbackForm(request.POST, unit=unit)
        return _submit(request, form, template, context)
    return render(request, template, {**context, "form": unit_form(request, unit)})


def unit_form(request, unit, cacheable=False):
    """An unbound form for a unit; `?atagande=<pk>` preselects a commitment as a complaint.

    `cacheable`: for a page a shared cache holds, without key or challenge (home/antispam.py).
    """
    initial = {}
    commitment_id = PreselectForm.read(request.GET).get("atagande") if request else None
    form = FeedbackForm(unit=unit, cacheable=cacheable)
    if commitment_id is not None:
        # A translated page links its own row of the commitment: the Swedish one is chosen.
        commitment = (
            form.fields["commitment"]
            .queryset.filter(
                Q(pk=commitment_id)
                | Q(
                    translation_key__in=Commitment.objects.filter(pk=commitment_id).values(
                        "translation_key"
                    )
                )
            )
            .first()
        )
        if commitment is not None:
            initial = {"commitment": commitment.pk, "kind": Kind.COMPLAINT}
            form = FeedbackForm(unit=unit, initial={**form.initial, **initial}, cacheable=cacheable)
    return form


@never_cache
@require_GET
def form_parts(request):
    """What a form on a cached page lacks: its own one-time key and spam challenge (JSON)."""
    return JsonResponse(fresh_parts())


@require_GET
def receipt(request, reference):
    entry = _receipts(request).get(reference)
    if entry is None:
        raise Http404
    case = get_object_or_404(Feedback.objects.select_related("unit"), reference=reference)
    with translation.override(case.language):
        context = receipt_context(case, _tracking_url(entry["token"]))
        response = render(request, "feedback/receipt.html", context)
    return _private(_in_language(response, case))


@require_GET
def track(request, token):
    case = Feedback.find_by_token(token)
    if case is None:
        raise Http404
    events = case.events.filter(kind__in=FeedbackEvent.PUBLIC_KINDS)
    with translation.override(case.language):
        context = {
            "case": case,
            "unit": unit_as_read(case),
            "public_events": events,
            "reply_possible": reply_possible(case),
        }
        response = render(request, "feedback/track.html", context)
    return _private(_in_language(response, case))


def _in_language(response, case):
    """A page about a case is in the resident's language, whatever the link it came by."""
    response["Content-Language"] = case.language
    return response


def _private(response):
    """Pages carrying the private link: never leak it in a Referer, never index or cache it."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
