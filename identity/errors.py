"""The one failure of a sign-in: what happened, in Swedish, and the way back."""

from django.utils.translation import gettext_lazy as _

CANCELLED = _("Du avbröt inloggningen. Ingenting har sparats.")
TIMED_OUT = _("Inloggningen tog för lång tid och har avbrutits. Ingenting har sparats.")
WRONG_STATE = _(
    "Svaret från inloggningstjänsten hörde inte till din inloggning, eller så har det redan "
    "använts. Ingenting har sparats."
)
REFUSED = _("Inloggningstjänsten godkände inte inloggningen. Ingenting har sparats.")
TOKEN_INVALID = _(
    "Beviset från inloggningstjänsten var inte giltigt (för gammalt eller utfärdat till en "
    "annan tjänst). Ingenting har sparats."
)
ASSURANCE_TOO_LOW = _(
    "Den e-legitimation du använde räcker inte här. Använd BankID, Freja+ eller en annan "
    "e-legitimation med tillitsnivå 3. Ingenting har sparats."
)
UNAVAILABLE = _("Inloggningstjänsten svarar inte just nu. Försök igen om en stund.")
NO_IDENTITY_NUMBER = _(
    "Inloggningstjänsten skickade inget personnummer, så vi kunde inte veta vem du är. "
    "Ingenting har sparats."
)


class SignInFailed(Exception):
    """A sign-in that did not end with a person: the message is for them, in Swedish.

    `return_to` is where they can try again; `status` is 400, or 403 when they were who they
    said but with too weak an e-ID.
    """

    def __init__(self, message, return_to="/", status=400, reason=""):
        super().__init__(str(message))
        self.message = message
        self.return_to = return_to or "/"
        self.status = status
        self.reason = reason  # for the log: a short code, never anything about the person
