"""The proposals' open data: its fields, what each means, and its licence.

The export (views.export_json, views.export_csv) writes exactly these fields in this order,
and the open-data page (/e-forslag/oppna-data/) documents them from here, so the two cannot
drift apart: a field added to the export without a description here is not exported.
"""

from django.utils.translation import gettext_lazy as _

from .models import PUBLIC_STATUSES, Decision

# Creative Commons Zero: anyone may use the data for any purpose without asking or naming us.
LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"

TEXT, NUMBER, TIME, CODE, LINK = (
    _("text"),
    _("heltal"),
    _("tidpunkt (ISO 8601) eller tom"),
    _("kod"),
    _("webbadress"),
)

# name -> (type, description, the codes it takes or None)
FIELDS = {
    "id": (NUMBER, _("Förslagets nummer. Ändras aldrig."), None),
    "title": (TEXT, _("Förslagets rubrik, som förslagsställaren skrev den."), None),
    "body": (TEXT, _("Förslaget i sin helhet."), None),
    "display_name": (
        TEXT,
        _("Det namn förslagsställaren valde att visa. Aldrig e-postadressen."),
        None,
    ),
    "service_area": (TEXT, _("Verksamheten förslaget gäller, eller tom."), None),
    "status": (
        CODE,
        _("Var förslaget står. Bara förslag som har granskats och publicerats finns med."),
        [(status.value, status.label) for status in PUBLIC_STATUSES],
    ),
    "votes": (NUMBER, _("Antal röster när filen skapades."), None),
    "threshold": (
        NUMBER,
        _("Antal röster som krävs för att nämnden ska behandla förslaget."),
        None,
    ),
    "opens_at": (TIME, _("När röstningen öppnade."), None),
    "closes_at": (TIME, _("När röstningen stänger eller stängde."), None),
    "decision": (CODE, _("Nämndens beslut, eller tom."), list(Decision.choices)),
    "answer": (TEXT, _("Nämndens svar, eller tom."), None),
    "answered_at": (TIME, _("När nämnden svarade."), None),
    "url": (LINK, _("Förslagets sida på webbplatsen."), None),
}

EXPORT_FIELDS = list(FIELDS)
