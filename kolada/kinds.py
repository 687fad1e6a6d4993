"""Which kind of service a Kolada id is about.

Kolada numbers its key figures and its organisational units by the same service codes: the two
digits after the letter of a key figure (N15419, U21468) and after the V of a unit (V15E018000301)
name the service area. So "the figures Kolada offers for this unit's kind" are those whose code
is the unit's, and a unit's kind is read from its own Kolada id.
"""

import re

from django.utils.translation import gettext_lazy as _

# The service codes of the areas a municipality publishes guarantees for.
KINDS = {
    "11": _("Förskola"),
    "15": _("Grundskola"),
    "17": _("Gymnasieskola"),
    "21": _("Hemtjänst"),
    "23": _("Särskilt boende"),
    "09": _("Kultur och bibliotek"),
}

KPI_ID = re.compile(r"^[A-Z](\d{2})\d{3}$")
OU_ID = re.compile(r"^V(\d{2})E\d{9}$")
MUNICIPALITY_ID = re.compile(r"^\d{4}$")
GROUP_ID = re.compile(r"^G\d{1,10}$")


def kind_of_kpi(kpi_id):
    """The service code of a key figure's id ("15" for N15419), or ""."""
    found = KPI_ID.match(kpi_id or "")
    return found.group(1) if found else ""


def kind_of_unit(ou_id):
    """The service code of a unit's Kolada id ("15" for V15E018000301), or ""."""
    found = OU_ID.match(ou_id or "")
    return found.group(1) if found else ""
