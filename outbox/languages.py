"""The language a letter is written in, and how staff name it.

A resident's case keeps the language that was active when they sent it (the prefix of the page
they wrote on); every letter to them is rendered in it (`queue_mail(language=...)`), and staff
read its name in Swedish ("finska") beside the case.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Private-use tags Django's own table does not know (docs/architecture.md, "Languages").
PRIVATE_USE_NAMES = {"sv-x-easy": _("lättläst svenska")}


def current_language():
    """The active language at this moment (the resident's, during their request)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def language_name(code):
    """`code` named in the active language, lower case as Swedish writes language names:
    "finska", "arabiska", "lättläst svenska". An unknown code is shown as it is."""
    code = (code or settings.LANGUAGE_CODE).lower()
    if code in PRIVATE_USE_NAMES:
        return str(PRIVATE_USE_NAMES[code])
    try:
        name = translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code
    return str(name).lower()
