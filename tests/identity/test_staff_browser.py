"""Staff sign in to the admin through the municipality's provider, in Chromium."""

import pytest
from django.contrib.auth import get_user_model

from identity.models import StaffAccount
from staff import roles
from staff.setup import setup_roles

from .conftest import sign_in_at_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page):
    """Wagtail's logout is a POST from the account menu; the same form, sent as it sends it."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    page.evaluate(
        """token => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = '/admin/logout/';
            const field = document.createElement('input');
            field.name = 'csrfmiddlewaretoken';
            field.value = token;
            form.append(field);
            document.body.append(form);
            form.submit();
        }""",
        token,
    )


def test_a_handler_signs_in_by_sso_with_the_role_the_token_gave_and_logs_out_at_the_provider(
    page, identity_settings, home_page
):
    setup_roles()
    page.goto("/admin/login/")
    page.get_by_role("link", name="Logga in med kommunkonto").click()
    sign_in_at_provider(page, "handlaggare")
    page.wait_for_url("**/admin/")
    user = get_user_model().objects.get(staff_account__subject="handlaggare")
    assert [group.name for group in user.groups.all()] == [roles.FEEDBACK_HANDLER]
    assert not user.is_superuser and not user.is_staff and not user.has_usable_password()
    assert user.email == "hanna@kommun.example"
    # The handler's dashboard: the feedback queue is theirs, proposals' moderation is not.
    assert user.has_perm("feedback.change_feedback")
    assert not user.has_perm("proposals.moderate_proposal")
    page.get_by_text("Hanna Handläggare").first.wait_for(state="attached")

    log_out(page)
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/admin/login/")
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/?next=/admin/")
    # Signed out at the provider too: it asks who you are again.
    page.get_by_role("link", name="Logga in med kommunkonto").click()
    page.wait_for_selector("input[name=login]")


def test_a_member_of_no_mapped_group_is_refused_and_no_user_is_made(
    page, identity_settings, home_page
):
    setup_roles()
    page.goto("/admin/login/")
    page.get_by_role("link", name="Logga in med kommunkonto").click()
    with page.expect_response(lambda r: "/inloggning/personal/svar/" in r.url) as answer:
        sign_in_at_provider(page, "utan")
    assert answer.value.status == 403
    page.get_by_text("ingen roll i den här tjänsten").wait_for()
    assert page.get_by_role("link", name="Tillbaka och försök igen").get_attribute("href") == (
        "/admin/login/"
    )
    assert not StaffAccount.objects.exists()
    assert not get_user_model().objects.exists()


def test_with_passwords_off_the_login_page_has_no_password_form(page, identity_settings, home_page):
    identity_settings.IDENTITY_LOCAL_PASSWORDS = False
    page.goto("/admin/login/")
    page.get_by_role("link", name="Logga in med kommunkonto").wait_for()
    assert page.locator("input[type=password]").count() == 0
    assert page.locator("form.login-form").count() == 0
