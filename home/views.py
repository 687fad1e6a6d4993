import sys

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults


def healthz(request):
    """Liveness for the load balancer: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError):
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def rate_limited(request, exception=None):
    """django-ratelimit's answer when a client sends too much: 429, in Swedish."""
    return render(
        request,
        "429.html",
        {"message": _("Du har skickat för många förfrågningar. Vänta en stund och försök igen.")},
        status=429,
    )


def bad_request(request, exception, template_name="400.html"):
    """handler400: 413 in Swedish for a body over the size caps, Django's 400 page otherwise."""
    if isinstance(exception, RequestDataTooBig):
        return HttpResponse(render_to_string("413.html"), status=413)
    return defaults.bad_request(request, exception, template_name)


def server_error(request, template_name="500.html"):
    """handler500: a database outage answers 503 in Swedish, anything else the 500 page.

    Rendered without request context: the context processors would ask the database again.
    Django calls this while handling the exception, so sys.exc_info() still holds it.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(render_to_string(template_name))
