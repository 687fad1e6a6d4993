"""The footer on every page in every language: what staff wrote only in Swedish in the site
settings (the contact centre's hours) is marked lang="sv" where the page is in another
language, so a screen reader reads it with a Swedish voice (issue 26: no Swedish passed off
as the reader's language)."""

import pytest

from home.models import MunicipalitySettings
from tests.factories import in_every_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "marked"), [("/", False), ("/en/", True), ("/ar/", True), ("/sv-x-easy/", True)]
)
def test_the_contact_centres_hours_are_marked_swedish_on_a_page_in_another_language(
    client, home_page, path, marked
):
    settings = MunicipalitySettings.for_site(home_page.get_site())
    settings.phone = "0123-45 67 00"
    settings.opening_hours = "vardagar 8–17"
    settings.save()
    in_every_language(home_page)
    html = client.get(path).content.decode()
    assert "vardagar 8–17" in html
    assert ('<span lang="sv" dir="ltr">vardagar 8–17</span>' in html) is marked
