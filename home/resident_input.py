"""What residents send: one rule for their text, one rate-limit policy, one way to link back.

Every public form field that takes a resident's text is a `ResidentCharField`,
`ResidentTextField` or `ResidentEmailField`, so the same characters are refused everywhere:
the text is put in Unicode NFC (so "å" typed two ways is stored, searched and compared as
one), and control characters and the bidi controls that make a text read differently from
what was stored (``\u202egnp.exe``) are removed. Multi-line text keeps tab and newline.

Every public form is a `ResidentForm` (directly or through `home.antispam.ProtectedForm`), so
its validation messages are the site's Swedish, not Django's defaults: the list of messages per
error code is overridden here, once, and a field that states its own message keeps it. Numbers
in messages are written the Swedish way ("5 000", `home.numbers.swedish_number`).

Every public POST view is wrapped in `resident_post_limit`: django-ratelimit counts, per
client, accepted submissions and failed attempts in two buckets of the shared cache, so that
a typo costs less than a sent message and every app server sees the same count.
"""

import functools
import re
import unicodedata

from django import forms
from django.conf import settings
from django.core import validators
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.shortcuts import render
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from .numbers import swedish_number
from .views import rate_limited

# C0 controls, DEL and C1 controls; bidi embeddings, overrides and isolates (U+202A-202E,
# U+2066-2069) and the invisible direction marks (U+200E, U+200F, U+061C).
_INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_REMOVED = re.compile(f"[{_INVISIBLE}]")
# Line breaks of every kind: newline in multi-line text, a space on one line.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_TABS_AND_BREAKS = re.compile(r"[\t\n]")


def clean_resident_text(value, multiline=False):
    """A resident's text in NFC, without control or bidi characters.

    Multi-line text keeps tab and newline (any line break becomes ``\\n``); on one line they
    become a space so that words do not run together.
    """
    if not value:
        return value
    value = unicodedata.normalize("NFC", value)
    value = _LINE_BREAKS.sub("\n", value)
    value = _REMOVED.sub("", value)
    if not multiline:
        value = _TABS_AND_BREAKS.sub(" ", value)
    return value


class ResidentCharField(forms.CharField):
    """One line of a resident's text, cleaned by the house rule before it is validated."""

    multiline = False

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_resident_text(value, self.multiline)
        return super().to_python(value)


class ResidentTextField(ResidentCharField):
    """Several lines of a resident's text (a message, a proposal): tab and newline kept."""

    multiline = True
    widget = forms.Textarea


class ResidentEmailField(forms.EmailField):
    """A resident's e-mail address, cleaned by the same rule (NFC matters for IDN domains)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_resident_text(value)
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A whole number as our forms and links write it: ASCII digits. Django's IntegerField
    reads with int(), which also takes other scripts' digits ("١", Arabic-Indic one, is 1), so
    a link's number in another script would name whatever row has that number."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


# Validation messages --------------------------------------------------------------------------


# The house's message per Django error code, for every field of a resident's form. `%(label)s`
# is the field's label; the others are Django's parameters. "required" depends on what the
# field asks for, so it is chosen in `_required_message`.
HOUSE_MESSAGES = {
    "max_length": _(
        "Texten får vara högst %(limit_value)s tecken lång. Nu är den %(show_value)s tecken."
    ),
    "min_length": _(
        "Texten behöver vara minst %(limit_value)s tecken lång. Nu är den %(show_value)s tecken."
    ),
    "invalid_choice": _("Välj ett av alternativen i listan."),
    "invalid_list": _("Välj ett eller flera av alternativen i listan."),
    "null_characters_not_allowed": _("Texten innehåller ett tecken som inte kan tas emot."),
    "max_value": _("Ange ett tal som är högst %(limit_value)s."),
    "min_value": _("Ange ett tal som är minst %(limit_value)s."),
    "step_size": _("Ange ett tal i steg om %(limit_value)s."),
}
# "invalid" means a different thing to each kind of field.
INVALID_MESSAGES = {
    forms.EmailField: _("Ange en e-postadress i rätt form, till exempel namn@exempel.se."),
    forms.IntegerField: _("Ange ett heltal, till exempel 12."),
    forms.DecimalField: _("Ange ett tal, till exempel 12,5."),
    forms.FloatField: _("Ange ett tal, till exempel 12,5."),
    forms.DateField: _("Ange ett datum, till exempel 2026-01-31."),
    forms.DateTimeField: _("Ange datum och tid, till exempel 2026-01-31 14:30."),
    forms.URLField: _("Ange en webbadress, till exempel https://www.exempel.se."),
}
REQUIRED_QUESTION = _("Svara på frågan ”%(label)s”")
REQUIRED_CHOICE = _("Välj %(label)s.")
REQUIRED_CHECKBOX = _("Kryssa i rutan ”%(label)s”.")
REQUIRED_TEXT = _("Fyll i %(label)s.")


def _django_defaults(field):
    """The messages Django's field classes give `field` when the field states none itself."""
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _label(field):
    return str(field.label or "").strip()


def _required_message(field):
    label = _label(field)
    if label.endswith("?"):
        template = REQUIRED_QUESTION
    elif isinstance(field.widget, forms.CheckboxInput):
        template = REQUIRED_CHECKBOX
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        template = REQUIRED_CHOICE
    else:
        template = REQUIRED_TEXT
    if template in (REQUIRED_CHOICE, REQUIRED_TEXT):
        # "Fyll i ditt meddelande.": the label starts the sentence's object, in lower case.
        label = label.rstrip(".:")
        label = label[:1].lower() + label[1:]
    return str(template) % {"label": label}


def _invalid_message(field):
    for cls in type(field).__mro__:
        if cls in INVALID_MESSAGES:
            return INVALID_MESSAGES[cls]
    return None


class SwedishLengthValidator:
    """Django's length validators with the numbers written the Swedish way ("5 000")."""

    def __init__(self, validator):
        self.validator = validator
        self.code = validator.code
        self.limit_value = validator.limit_value
        self.message = validator.message

    def __call__(self, value):
        try:
            self.validator(value)
        except ValidationError as error:
            params = {
                **error.params,
                "limit_value": swedish_number(error.params["limit_value"]),
                "show_value": swedish_number(error.params["show_value"]),
            }
            raise ValidationError(error.message, code=error.code, params=params) from None

    def __eq__(self, other):
        return isinstance(other, SwedishLengthValidator) and self.validator == other.validator


def speak_swedish(field):
    """Give `field` the house's messages for every code its own declaration left to Django."""
    if getattr(field, "_house_messages", False):
        return
    defaults = _django_defaults(field)
    house = dict(HOUSE_MESSAGES)
    house["required"] = _required_message(field)
    invalid = _invalid_message(field)
    if invalid is not None:
        house["invalid"] = invalid
    for code, message in house.items():
        declared = field.error_messages.get(code)
        if declared is None or declared is defaults.get(code):
            field.error_messages[code] = message
    field.validators = [
        SwedishLengthValidator(v)
        if isinstance(v, validators.MaxLengthValidator | validators.MinLengthValidator)
        else v
        for v in field.validators
    ]
    field._house_messages = True


class ResidentForm(forms.Form):
    """A form a resident fills in: every message in the site's Swedish (see HOUSE_MESSAGES).

    Applied when the form validates, so that fields a subclass adds in its __init__ get the
    same messages."""

    def full_clean(self):
        for field in self.fields.values():
            speak_swedish(field)
        super().full_clean()


def _length_hint(limit, extra=""):
    hint = gettext("Högst %(max)s tecken.") % {"max": swedish_number(limit)}
    return f"{hint} {extra}".strip()


# The hint under a text box, "Högst 5 000 tecken." and what else the field asks; lazy, so that
# a field declared at import speaks the language of each request.
length_hint = lazy(_length_hint, str)


# Rate limits ----------------------------------------------------------------------------------

# Per client and hour unless settings say otherwise (RESIDENT_RATE_LIMITS, same shape).
DEFAULT_RATE_LIMITS = {
    "feedback": {"accepted": "10/h", "failed": "30/h"},
    "proposals.submit": {"accepted": "20/h", "failed": "60/h"},
    "proposals.vote": {"accepted": "30/h", "failed": "90/h"},
    # The mailed confirmation links of votes and proposals; a failure is a bad token.
    "proposals.confirm": {"accepted": "30/h", "failed": "30/h"},
    # The quality award's nominations count like feedback: one person, a few a day.
    "award.nominate": {"accepted": "10/h", "failed": "30/h"},
    "award.confirm": {"accepted": "30/h", "failed": "30/h"},
}


def rate_for(scope, outcome):
    """The rate of one bucket ("accepted" or "failed") of a scope, from settings on each
    request so that operators and the benchmark can change it."""
    configured = getattr(settings, "RESIDENT_RATE_LIMITS", {}).get(scope, {})
    return configured.get(outcome) or DEFAULT_RATE_LIMITS[scope][outcome]


def rate_limit_counts():
    """The cache the counts live in: one that every app process shares."""
    return caches[settings.RATELIMIT_USE_CACHE]


def _usage(request, scope, outcome, increment):
    """Usage of one bucket, per client address as django-ratelimit reads it (set
    RATELIMIT_IP_META_KEY behind a proxy). A request that carries no address at all (a
    unix-socket proxy that forgot to pass it) counts in one shared bucket, not as an error."""
    options = {
        "group": f"resident.{scope}.{outcome}",
        "rate": rate_for(scope, outcome),
        "method": "POST",
        "increment": increment,
    }
    return usage_per_client(request, **options)


def usage_per_client(request, **options):
    """django-ratelimit's get_usage per client network, as it reads it (set
    RATELIMIT_IP_META_KEY behind a proxy). A request that carries no usable address (a
    unix-socket proxy that forgot to pass it, a forged header) counts in one shared bucket
    rather than failing."""
    try:
        return get_usage(request, key="ip", **options)
    except (ImproperlyConfigured, ValueError):
        return get_usage(request, key=lambda group, request: "unknown-client", **options)


def is_limited(request, group, rate, increment=False):
    """Whether this client is over `rate` in `group` (counting this request if `increment`)."""
    usage = usage_per_client(request, group=group, rate=rate, method=ALL, increment=increment)
    return bool(usage and usage["should_limit"])


def is_over_limit(request, scope):
    """Whether one more POST from this client would pass either bucket of `scope`."""
    for outcome in ("accepted", "failed"):
        usage = _usage(request, scope, outcome, increment=False)
        if usage is not None and (usage["should_limit"] or usage["count"] >= usage["limit"]):
            return True
    return False


def count_attempt(request, scope, response):
    """Count an answered POST: below 400 it was accepted, a 4xx answer is a failed attempt."""
    if response.status_code < 400:
        _usage(request, scope, "accepted", increment=True)
    elif response.status_code < 500 and response.status_code != 429:
        _usage(request, scope, "failed", increment=True)


def rate_limit_message():
    return gettext(
        "Du har skickat för många gånger från den här anslutningen. Det du skrev finns kvar: "
        "vänta en stund och skicka igen."
    )


def render_limited_form(request, template, context, form):
    """The 429 answer of a form view: the same form with what the resident typed and a
    Swedish message on top, so nothing has to be written again."""
    form.is_valid()
    form.add_error(None, rate_limit_message())
    return render(request, template, {**context, "form": form}, status=429)


def resident_post_limit(scope, on_limit=None):
    """The house rate limit for a public POST view.

    `scope` names the bucket pair (every feedback form shares "feedback"). When the client is
    over the limit, `on_limit(request, *args, **kwargs)` answers (usually
    `render_limited_form`); without it the generic Swedish 429 page does.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            if is_over_limit(request, scope):
                if on_limit is not None:
                    return on_limit(request, *args, **kwargs)
                return rate_limited(request)
            response = view(request, *args, **kwargs)
            count_attempt(request, scope, response)
            return response

        return wrapped

    return decorate


# Links in mail --------------------------------------------------------------------------------


def absolute_url(path):
    """A path on this site as the absolute address to put in a mail: always from the site's
    configured address (WAGTAILADMIN_BASE_URL), never from the Host a request happened to
    carry."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
