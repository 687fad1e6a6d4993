"""A service request posted by an app, turned into the resident's feedback form.

The request goes through feedback.forms.FeedbackForm, so the rules are the form's: the same
validation, the same removal of control characters, the same anonymity rule. The app's key
stands in for the proof-of-work and the honeypot (there is no page to hide a field on); the
form's one-time key is made here. Where the request is about (lat, long, address_string,
media_url) is checked here and kept beside the case (models.RequestLocation), or refused.
"""

import secrets
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from urllib.parse import parse_qsl

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from feedback.forms import FeedbackForm
from home.resident_input import clean_resident_text

from .catalog import COMMITMENT_ATTRIBUTE, DIMENSION_ATTRIBUTE
from .models import ADDRESS_MAX_LENGTH, MEDIA_URL_MAX_LENGTH

DESCRIPTION_MAX_LENGTH = 4000  # GeoReport v2: "free form text limited to 4,000 characters"
MAX_FIELDS = 50
COORDINATE_STEP = Decimal("0.000001")

SINGLE_VALUED = [
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    f"attribute[{DIMENSION_ATTRIBUTE}]",
    f"attribute[{COMMITMENT_ATTRIBUTE}]",
]

# Which Open311 parameter a form field's error is about.
PARAMETER_OF_FIELD = {
    "kind": "service_code",
    "dimension": f"attribute[{DIMENSION_ATTRIBUTE}]",
    "commitment": f"attribute[{COMMITMENT_ATTRIBUTE}]",
    "message": "description",
    "name": "first_name",
    "email": "email",
    "phone": "phone",
}


class RequestError(Exception):
    """The request cannot be accepted; carries the HTTP status and Swedish descriptions."""

    def __init__(self, status, *descriptions, usage=None):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = descriptions
        # The rate-limit count behind a 429 (django-ratelimit's usage), for its headers.
        self.usage = usage


def parse_body(raw):
    """The urlencoded body as a MultiValueDict; its bytes must be UTF-8, as the spec says."""
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as error:
        raise RequestError(400, _("Förfrågan måste vara kodad i UTF-8.")) from error
    except ValueError as error:
        raise RequestError(400, _("Förfrågan har för många fält.")) from error
    params = MultiValueDict()
    for key, value in pairs:
        params.appendlist(key, value)
    return params


def single_values(params):
    """Refuse a field sent twice: which of the two the resident meant cannot be known."""
    repeated = [name for name in SINGLE_VALUED if len(params.getlist(name)) > 1]
    if repeated:
        raise RequestError(
            400,
            *(_("Fältet %(field)s får bara anges en gång.") % {"field": name} for name in repeated),
        )
    known = {f"attribute[{DIMENSION_ATTRIBUTE}]", f"attribute[{COMMITMENT_ATTRIBUTE}]"}
    unknown = sorted(k for k in params if k.startswith("attribute[") and k not in known)
    if unknown:
        raise RequestError(
            400, *(_("Okänt attribut: %(field)s.") % {"field": name[:60]} for name in unknown)
        )
    return {name: params.get(name, "") for name in SINGLE_VALUED}


def _coordinate(values, name, limit):
    """A WGS84 degree within ±limit, to six decimals (about 10 cm), or None when not sent."""
    value = values[name].strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not -limit <= number <= limit:
        raise RequestError(
            400,
            _("%(field)s: Ange en koordinat i WGS84 mellan -%(limit)s och %(limit)s grader.")
            % {"field": name, "limit": limit},
        )
    return number.quantize(COORDINATE_STEP, rounding=ROUND_HALF_EVEN)


def _media_url(values):
    """An http(s) link to a picture, kept as a link: the server never fetches it."""
    value = values["media_url"].strip()
    if not value:
        return ""
    if len(value) > MEDIA_URL_MAX_LENGTH:
        raise RequestError(
            400, _("media_url: Högst %(max)s tecken.") % {"max": MEDIA_URL_MAX_LENGTH}
        )
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise RequestError(
            400, _("media_url: Ange en fullständig länk som börjar med https:// eller http://.")
        ) from error
    return value


def location(service, values):
    """Where the request is about, checked and ready to keep; {} when the app sent nothing.

    Every location field is kept or refused with a reason, never dropped: address_id names
    an address register this municipality does not publish, so it is refused.
    """
    if values["address_id"].strip():
        raise RequestError(
            400,
            _(
                "address_id: Vi har inget adressregister att slå upp i. Ange address_string "
                "eller lat och long."
            ),
        )
    lat = _coordinate(values, "lat", 90)
    long = _coordinate(values, "long", 180)
    if (lat is None) != (long is None):
        raise RequestError(400, _("lat och long: Ange båda eller ingen av dem."))
    address = clean_resident_text(values["address_string"]).strip()
    if len(address) > ADDRESS_MAX_LENGTH:
        raise RequestError(
            400, _("address_string: Högst %(max)s tecken.") % {"max": ADDRESS_MAX_LENGTH}
        )
    if service.location_required and lat is None and not address:
        raise RequestError(
            400,
            _(
                "lat och long eller address_string: Tjänsten %(code)s behöver veta var det "
                "gäller. Ange en position eller en adress."
            )
            % {"code": service.code},
        )
    found = {"lat": lat, "long": long, "address_string": address, "media_url": _media_url(values)}
    return {name: value for name, value in found.items() if value not in (None, "")}


def build_form(service, values):
    """The resident's form, bound to what the app sent for this service."""
    if not values["description"].strip():
        raise RequestError(400, _("description: Skriv ett meddelande."))
    if len(values["description"]) > DESCRIPTION_MAX_LENGTH:
        raise RequestError(
            400,
            _("description: Högst %(max)s tecken.") % {"max": DESCRIPTION_MAX_LENGTH},
        )
    name = " ".join(
        part for part in (values["first_name"].strip(), values["last_name"].strip()) if part
    )
    email, phone = values["email"].strip(), values["phone"].strip()
    data = {
        "kind": service.kind,
        "dimension": values[f"attribute[{DIMENSION_ATTRIBUTE}]"],
        "commitment": values[f"attribute[{COMMITMENT_ATTRIBUTE}]"],
        "message": values["description"],
        "name": name,
        "email": email,
        "phone": phone,
        "form_key": secrets.token_urlsafe(24),
        "website": "",
        "altcha": "",
    }
    # Contact details given through an app are given to be answered; none given is anonymous.
    if not (name or email or phone):
        data["anonymous"] = "on"
    if email or phone:
        data["wants_reply"] = "on"
    if service.unit is None:
        data.pop("commitment")
    return FeedbackForm(data, unit=service.unit)


def form_errors(form):
    """The form's Swedish messages, each prefixed with the Open311 parameter it concerns."""
    descriptions = []
    for field, messages in form.errors.items():
        parameter = PARAMETER_OF_FIELD.get(field)
        for message in messages:
            descriptions.append(f"{parameter}: {message}" if parameter else message)
    return descriptions
