"""Staff sign in through the municipality's provider (single sign-on).

The Wagtail login page offers the provider (`wagtailadmin/login.html`, overridden here). On the
first sign-in a user is created with no rights but the roles its groups map to; the mapping is
`staff`'s (IDENTITY_STAFF_GROUP_MAP, applied by the `identity_staff_signed_in` hook, so that
`identity` stays below `staff`) and is brought in step at every sign-in. With
IDENTITY_LOCAL_PASSWORDS off, the password form is gone and a password is refused for everyone
but the break-glass users. Logout ends the session here and at the provider when it offers
`end_session_endpoint`.
"""

import logging
from urllib.parse import urlencode

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError
from wagtail import hooks
from wagtail.admin.views import account

from home.resident_input import absolute_url

from . import errors, oidc
from .errors import SignInFailed
from .models import StaffAccount
from .views import render_failure

logger = logging.getLogger(__name__)

BACKEND = "identity.staff.PasswordBackend"
NEXT = "identity.staff.next"
ID_TOKEN = "identity.staff.id_token"  # noqa: S105 - a session key, not a secret
SIGNED_IN_HOOK = "identity_staff_signed_in"  # fn(user, groups) -> role names given

NO_ROLE = _(
    "Du är inloggad hos kommunen, men ditt konto har ingen roll i den här tjänsten. Be "
    "din chef eller systemförvaltaren att lägga dig i rätt grupp."
)
PASSWORDS_OFF = _("Inloggning med lösenord är avstängd. Logga in med ditt kommunkonto i stället.")


def offered():
    return oidc.configured("staff")


def passwords_allowed(username=None):
    if settings.IDENTITY_LOCAL_PASSWORDS:
        return True
    return username is not None and username in settings.IDENTITY_BREAK_GLASS_USERS


class PasswordBackend(ModelBackend):
    """Django's password check, refused when local passwords are off (break-glass excepted)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not passwords_allowed(username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _login_url():
    return reverse("wagtailadmin_login")


def _failure(request, message, reason, status=400):
    logger.warning("staff sign-in failed: %s", reason)
    return render_failure(
        request, SignInFailed(message, return_to=_login_url(), status=status, reason=reason)
    )


@require_GET
def begin(request):
    if not offered():
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    request.session[NEXT] = next_url
    redirect_uri = absolute_url(reverse("identity:staff_return"))
    try:
        return oidc.client("staff").authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError):
        return _failure(request, errors.UNAVAILABLE, "unavailable", status=503)


@require_GET
def complete(request):
    if not offered():
        raise Http404
    client = oidc.client("staff")
    if request.GET.get("error"):
        client.framework.clear_state_data(request.session, request.GET.get("state", ""))
        cancelled = request.GET["error"] == "access_denied"
        message = errors.CANCELLED if cancelled else errors.REFUSED
        return _failure(request, message, f"provider:{request.GET['error'][:40]}")
    try:
        token = client.authorize_access_token(request)
        claims = dict(token.get("userinfo") or {})
        groups_claim = oidc.config("staff").get("GROUPS_CLAIM", "groups")
        if claims and groups_claim not in claims:
            info = client.userinfo(token=token)
            if info.get("sub") == claims.get("sub"):
                claims = {**info, **claims}
    except MismatchingStateError:
        return _failure(request, errors.WRONG_STATE, "state")
    except OAuthError as error:
        message = errors.WRONG_STATE if error.error == "invalid_grant" else errors.REFUSED
        return _failure(request, message, f"token:{error.error}")
    except JoseError as error:
        return _failure(request, errors.TOKEN_INVALID, f"id-token:{error.error}")
    except requests.RequestException:
        return _failure(request, errors.UNAVAILABLE, "unavailable", status=503)
    if not claims.get("sub"):
        return _failure(request, errors.TOKEN_INVALID, "no-id-token")
    groups = claims.get(groups_claim) or []
    groups = [str(group) for group in (groups if isinstance(groups, list) else [groups])]
    user = sign_in(claims, groups, client.load_server_metadata()["issuer"])
    if user is None:
        return _failure(request, NO_ROLE, "no-role", status=403)
    next_url = request.session.pop(NEXT, "")
    login(request, user, backend=BACKEND)
    request.session[ID_TOKEN] = token.get("id_token", "")
    return redirect(next_url or reverse("wagtailadmin_home"))


def sign_in(claims, groups, issuer):
    """The user for these claims with its roles in step with `groups`; None (and nothing
    kept) when the groups give no role."""
    with transaction.atomic():
        account_row = (
            StaffAccount.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=claims["sub"])
            .first()
        )
        user = account_row.user if account_row else _new_user(claims)
        _update_profile(user, claims)
        roles = [role for fn in hooks.get_hooks(SIGNED_IN_HOOK) for role in fn(user, groups)]
        if account_row is None:
            if not roles:
                transaction.set_rollback(True)
                return None
            account_row = StaffAccount(user=user, issuer=issuer, subject=claims["sub"])
        account_row.last_groups = groups
        account_row.save()
        return user if roles and user.is_active else None


def _new_user(claims):
    users = get_user_model()
    wanted = (claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
    username, n = wanted, 1
    while users.objects.filter(username=username).exists():
        n += 1
        username = f"{wanted}-{n}"
    user = users(username=username, is_staff=False, is_superuser=False)
    user.set_unusable_password()
    user.save()
    return user


def _update_profile(user, claims):
    user.first_name = str(claims.get("given_name") or claims.get("name") or "")[:150]
    user.last_name = str(claims.get("family_name") or "")[:150]
    user.email = str(claims.get("email") or "")[:254]
    user.save(update_fields=["first_name", "last_name", "email"])


class LoginView(account.LoginView):
    """Wagtail's login page with the municipality's sign-in, and without passwords when off."""

    def post(self, request, *args, **kwargs):
        if not passwords_allowed(request.POST.get("username")):
            context = self.get_context_data(form=self.get_form_class()(request))
            context["refused"] = PASSWORDS_OFF
            return render(request, self.template_name, context, status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = self.get_redirect_url()
        context["sso_url"] = (
            f"{reverse('identity:staff_begin')}?{urlencode({'next': next_url})}"
            if offered()
            else ""
        )
        context["passwords"] = settings.IDENTITY_LOCAL_PASSWORDS or "reserv" in self.request.GET
        return context


class LogoutView(account.LogoutView):
    """Ends the session here, and at the provider when it offers end-session."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN, "")
        response = super().post(request, *args, **kwargs)
        if not (id_token and offered()):
            return response
        try:
            end_session = oidc.client("staff").load_server_metadata().get("end_session_endpoint")
        except (requests.RequestException, ValueError):
            end_session = None
        if not end_session:
            return response
        query = urlencode(
            {"id_token_hint": id_token, "post_logout_redirect_uri": absolute_url(_login_url())}
        )
        response["Location"] = f"{end_session}?{query}"
        return response
