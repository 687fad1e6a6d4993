"""The award's public side: winners per year, the nomination form and its confirmation."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from guarantees.models import GuaranteePage
from home.resident_input import render_limited_form, resident_post_limit
from home.transitions import TransitionError
from identity import resident
from identity.errors import WRONG_STATE, SignInFailed
from identity.views import render_failure

from . import services
from .forms import NominationForm
from .models import AwardCategory, AwardRound, TokenError, decided_years, winners_of

SIGNED_NOMINATION = "award.nominate.signed"


@require_GET
def index(request):
    years = decided_years()
    context = {"current": AwardRound.current(), "years": years}
    if years:
        latest = AwardRound.objects.get(year=years[0])
        context.update(latest=latest, winners=winners_of(latest))
    return render(request, "award/index.html", context)


@require_GET
def year(request, year):
    award_round = get_object_or_404(AwardRound, year=year)
    winners = list(winners_of(award_round))
    if not winners:
        raise Http404
    return render(
        request,
        "award/year.html",
        {"award_round": award_round, "winners": winners, "years": decided_years()},
    )


def _nominate_limited(request):
    award_round = AwardRound.current()
    if award_round is None:
        return render(request, "award/closed.html", status=404)
    form = NominationForm(request.POST, award_round=award_round)
    return render_limited_form(request, "award/nominate.html", {"award_round": award_round}, form)


@require_http_methods(["GET", "POST"])
@resident_post_limit("award.nominate", on_limit=_nominate_limited)
def nominate(request):
    award_round = AwardRound.current()
    if award_round is None:
        return render(request, "award/closed.html", status=404)
    context = {"award_round": award_round, "e_id": resident.offered()}
    if request.method != "POST":
        return render(
            request,
            "award/nominate.html",
            {**context, "form": NominationForm(award_round=award_round)},
        )
    form = NominationForm(request.POST, award_round=award_round)
    if form.is_valid() and request.POST.get("satt") == "e-legitimation" and resident.offered():
        # What was written waits in the session while the nominator signs at the e-ID broker.
        data = form.cleaned_data
        request.session[SIGNED_NOMINATION] = {
            "category": data["category"].pk,
            "unit": data["unit"].pk,
            "reason": data["reason"],
            "email": data["email"],
            "canonical": data["canonical"],
        }
        try:
            return redirect(resident.begin(request, "nomination", reverse("award:signed")))
        except SignInFailed as failure:
            return render_failure(request, failure)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.nominate(
                category=data["category"],
                unit=data["unit"],
                reason=data["reason"],
                email=data["email"],
                canonical=data["canonical"],
            )
        except TransitionError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            return redirect("award:sent")
    return render(request, "award/nominate.html", {**context, "form": form}, status=400)


@require_GET
def signed(request):
    """The nominator is back from the e-ID broker: the nomination is stored, confirmed."""
    try:
        person = resident.complete(request, "nomination", way_back=reverse("award:nominate"))
    except SignInFailed as failure:
        return render_failure(request, failure)
    data = request.session.pop(SIGNED_NOMINATION, None)
    if data is None:
        return render_failure(
            request, SignInFailed(WRONG_STATE, return_to=reverse("award:nominate"))
        )
    category = AwardCategory.objects.filter(pk=data["category"]).first()
    unit = GuaranteePage.objects.live().public().filter(pk=data["unit"]).first()
    try:
        if category is None or unit is None:
            raise TransitionError(gettext("Nomineringen till kvalitetspriset är stängd."))
        services.nominate_signed(
            category=category,
            unit=unit,
            reason=data["reason"],
            email=data["email"],
            canonical=data["canonical"],
            signer_hash=person.subject_hash,
        )
    except TransitionError as error:
        return render(
            request, "award/token_error.html", {"message": " ".join(error.messages)}, status=409
        )
    return render(
        request,
        "award/confirmed.html",
        {
            "message": gettext(
                "Tack! Din nominering är verifierad med e-legitimation och därmed bekräftad."
            )
        },
    )


@require_GET
def sent(request):
    return render(request, "award/sent.html")


@require_http_methods(["GET", "POST"])
@resident_post_limit("award.confirm")
def confirm(request):
    """A GET only shows the button: mail scanners follow links (e-petitions #1661)."""
    token = request.GET.get("t", "")
    try:
        if request.method != "POST":
            nomination = services.Nomination.for_token(token)
            return render(request, "award/confirm.html", {"nomination": nomination, "token": token})
        nomination = services.confirm(token)
    except TokenError as error:
        return render(request, "award/token_error.html", {"message": str(error)}, status=400)
    return render(
        request,
        "award/confirmed.html",
        {"nomination": nomination, "message": gettext("Tack! Din nominering är bekräftad.")},
    )
