from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from . import errors, resident
from .errors import SignInFailed


def render_failure(request, failure):
    """The one page of a failed sign-in: what happened, and the way back."""
    return render(
        request,
        "identity/failed.html",
        {"message": failure.message, "return_to": failure.return_to},
        status=failure.status,
    )


@require_GET
def resident_return(request):
    """The broker's one redirect URI: the answer goes on to the page that asked for it."""
    return_to = resident.return_to(request)
    if return_to is None:
        return render_failure(request, SignInFailed(errors.WRONG_STATE, reason="state"))
    return redirect(f"{return_to}?{request.GET.urlencode()}")
