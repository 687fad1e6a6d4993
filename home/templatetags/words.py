"""`{{ title|soft_hyphens }}`: long Swedish compounds marked where they may break.

CSS `hyphens: auto` needs the browser's hyphenation dictionary for Swedish, which many
browsers lack (Chromium on Linux and Windows among them); without it a long heading such as
"Tillgänglighetsredogörelse" on a phone breaks at an arbitrary letter with no hyphen. A soft
hyphen (U+00AD) is drawn as a hyphen only where the line breaks, and screen readers skip it.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Most long Swedish compounds join with a genitive "s" after a derivational suffix:
# tillgänglighets|redogörelse, verksamhets|område, kvalitets|garanti, förvaltnings|chef.
# Only in words long enough to need it, and never leaving fewer than four letters on a line.
JOINT = re.compile(r"(?<=\w{2})(?:het|ning|ing|tion|itet|tet|skap|dom|else)s(?=\w{4})")
LONG_WORD = re.compile(r"\w{16,}")


def _mark(word):
    return JOINT.sub(lambda joint: joint.group(0) + SOFT_HYPHEN, word.group(0))


def hyphenate(text):
    return LONG_WORD.sub(_mark, text)


@register.filter(is_safe=True)
def soft_hyphens(value):
    return mark_safe(hyphenate(str(conditional_escape(value))))  # noqa: S308 - escaped above
