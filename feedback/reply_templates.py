"""The reply templates a new municipality starts from: one per kind of feedback.

Each is the whole letter the resident reads, greeting first, and names the kind (a complaint is
answered as a complaint). What only the handler can know stands in [square brackets]; the reply
form refuses a letter that still has one (forms.ReplyForm). Loaded by
`manage.py load_reply_templates` and by the demo; a municipality edits them under
Snuttar → Svarsmallar.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from .models import Kind, ReplyTemplate


@dataclass(frozen=True)
class StartingTemplate:
    title: str
    kind: str
    text: str


STARTING_SET = [
    StartingTemplate(
        _("Svar på klagomål"),
        Kind.COMPLAINT,
        _(
            "Hej!\n\n"
            "Tack för ditt klagomål. Vi beklagar att det blev fel.\n\n"
            "Vi har tagit reda på vad som hände: [vad som hände].\n\n"
            "Det här gör vi för att det inte ska hända igen: [vad vi gör].\n\n"
            "Hör gärna av dig igen om något fortfarande inte fungerar.\n\n"
            "Vänliga hälsningar\n"
            "[ditt namn]"
        ),
    ),
    StartingTemplate(
        _("Svar på synpunkt"),
        Kind.OPINION,
        _(
            "Hej!\n\n"
            "Tack för din synpunkt. Vi har läst den och tagit upp den i arbetslaget.\n\n"
            "[vad vi tar med oss eller gör]\n\n"
            "Vänliga hälsningar\n"
            "[ditt namn]"
        ),
    ),
    StartingTemplate(
        _("Svar på beröm"),
        Kind.PRAISE,
        _(
            "Hej!\n\n"
            "Tack för ditt beröm! Vi har delat det med alla som arbetar här, och det gör oss "
            "glada att höra.\n\n"
            "Vänliga hälsningar\n"
            "[ditt namn]"
        ),
    ),
    StartingTemplate(
        _("Svar på förslag"),
        Kind.SUGGESTION,
        _(
            "Hej!\n\n"
            "Tack för ditt förslag. Vi har gått igenom det och [vad vi bestämde och varför].\n\n"
            "Vänliga hälsningar\n"
            "[ditt namn]"
        ),
    ),
]


def starting_templates():
    """(language, title, kind, text) of the starting set in every language of the site that
    has it translated (the catalogues'); Swedish always. A language whose catalogue lacks a
    template's text gets none rather than a Swedish one under its name."""
    for language, _name in settings.LANGUAGES:
        for template in STARTING_SET:
            with translation.override(language):
                title, text = gettext(template.title), gettext(template.text)
            if language != settings.LANGUAGE_CODE and text == template.text:
                continue
            yield language, title, template.kind, text


def load_starting_set():
    """Create the starting templates a municipality does not have yet (by title, kind and
    language); returns (created, offered). Templates already there, edited or not, are left
    alone."""
    created = offered = 0
    with transaction.atomic():
        for language, title, kind, text in starting_templates():
            _template, new = ReplyTemplate.objects.get_or_create(
                title=title,
                kind=kind,
                service_area=None,
                language=language,
                defaults={"text": text},
            )
            created += new
            offered += 1
    return created, offered
