"""Admin screens for moderators and committees: one job, one place (as in e-petitions)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.db.models.functions import TruncHour
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from .forms import (
    AnswerForm,
    InvalidateForm,
    ModerationForm,
    PersonalDataEditForm,
    TrafficQueryForm,
)
from .models import Proposal, Status, Vote

MODERATE = "proposals.moderate_proposal"
ANSWER = "proposals.answer_proposal"


def _require(request, *perms):
    if not any(request.user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def _manage_url(proposal):
    return reverse("proposals_admin:edit", args=[proposal.pk])


@require_http_methods(["GET", "POST"])
def manage(request, pk):
    """One proposal: moderate it, answer it, edit out personal data, see its history."""
    _require(request, MODERATE, ANSWER)
    proposal = get_object_or_404(Proposal.objects.select_related("service_area"), pk=pk)
    can_moderate = request.user.has_perm(MODERATE)
    can_answer = request.user.has_perm(ANSWER)
    moderation_form = ModerationForm(prefix="mod")
    edit_form = PersonalDataEditForm(
        prefix="edit", initial={"title": proposal.title, "body": proposal.body}
    )
    answer_form = AnswerForm(prefix="answer", initial={"answered_at": timezone.localdate()})
    status = 200

    if request.method == "POST":
        action = request.POST.get("form")
        try:
            if action == "moderate" and can_moderate:
                moderation_form = ModerationForm(request.POST, prefix="mod")
                if moderation_form.is_valid():
                    data = moderation_form.cleaned_data
                    if data["action"] == "publish":
                        proposal.publish(actor=request.user)
                        messages.success(request, gettext("Förslaget är publicerat."))
                    else:
                        proposal.reject(
                            data["reason"],
                            actor=request.user,
                            text=data["text"],
                            duplicate_of=data["duplicate_of"],
                        )
                        messages.success(request, gettext("Förslaget är avvisat."))
                    return redirect(_manage_url(proposal))
            elif action == "edit" and can_moderate:
                edit_form = PersonalDataEditForm(request.POST, prefix="edit")
                if edit_form.is_valid():
                    data = edit_form.cleaned_data
                    proposal.edit_for_personal_data(
                        data["title"], data["body"], data["note"], actor=request.user
                    )
                    messages.success(request, gettext("Ändringen är sparad och loggad."))
                    return redirect(_manage_url(proposal))
            elif action == "answer" and can_answer:
                answer_form = AnswerForm(request.POST, prefix="answer")
                if answer_form.is_valid():
                    data = answer_form.cleaned_data
                    proposal.answer(
                        data["decision"],
                        data["answer_text"],
                        date=data["answered_at"],
                        actor=request.user,
                    )
                    messages.success(request, gettext("Svaret är publicerat."))
                    return redirect(_manage_url(proposal))
            else:
                raise PermissionDenied
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        status = 400

    return render(
        request,
        "proposals/admin/manage.html",
        {
            "proposal": proposal,
            "page_title": proposal.title,
            "header_icon": "comment",
            "events": proposal.events.select_related("actor"),
            "moderation_form": moderation_form
            if can_moderate and proposal.status == Status.AWAITING_MODERATION
            else None,
            "edit_form": edit_form if can_moderate else None,
            "answer_form": answer_form
            if can_answer and proposal.status == Status.AT_COMMITTEE
            else None,
        },
        status=status,
    )


def traffic(request):
    """Votes per hour by source network and by mail domain: where do sudden bursts come from?"""
    _require(request, MODERATE)
    query = TrafficQueryForm(request.GET)
    query.is_valid()  # an invalid parameter is left out of cleaned_data: its default applies
    days = query.cleaned_data.get("dagar")
    days = 7 if days is None else max(1, min(90, days))
    since = timezone.now() - timedelta(days=days)
    votes = Vote.objects.valid().filter(created_at__gte=since)
    proposal_id = query.cleaned_data.get("forslag")
    if proposal_id:
        votes = votes.filter(proposal_id=proposal_id)
    hourly = votes.annotate(hour=TruncHour("created_at"))

    def top(field):
        rows = hourly.values("hour", field).annotate(n=Count("pk")).order_by("-n", "-hour")[:50]
        return [
            {"hour": r["hour"], "key": r[field], "n": r["n"], "end": r["hour"] + timedelta(hours=1)}
            for r in rows
        ]

    return render(
        request,
        "proposals/admin/traffic.html",
        {
            "page_title": gettext("Röster per timme"),
            "header_icon": "table",
            "days": days,
            "proposal_id": proposal_id or "",
            "by_network": top("network"),
            "by_domain": top("mail_domain"),
        },
    )


@require_POST
def invalidate(request):
    """Invalidate the votes from one network or mail domain in a time window."""
    _require(request, MODERATE)
    form = InvalidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("proposals_traffic")
    data = form.cleaned_data
    votes = Vote.objects.filter(created_at__gte=data["start"], created_at__lt=data["end"])
    if data["network"]:
        votes = votes.filter(network=data["network"])
    if data["mail_domain"]:
        votes = votes.filter(mail_domain=data["mail_domain"].lower())
    if data["proposal"]:
        votes = votes.filter(proposal=data["proposal"])
    count = Vote.invalidate(votes, actor=request.user, note=data["note"])
    messages.success(
        request, gettext("%(count)s röster ogiltigförklarades och räknades om.") % {"count": count}
    )
    return redirect("proposals_traffic")
