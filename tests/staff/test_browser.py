"""An editor writes a new guarantee with commitments in the admin and sends it to the committee."""

import pytest

from guarantees.models import GuaranteePage

from .conftest import PASSWORD


@pytest.mark.browser
def test_editor_creates_a_guarantee_with_commitments_and_submits_it(page, live_server, world):
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/add/guarantees/guaranteepage/{world.own_area.pk}/")
    page.fill("#id_title", "Förskolan Blåklockan")
    page.fill("#id_idea", "Vi ger barnen lek, lärande och omsorg i en trygg miljö.")
    page.fill("#id_commitments-0-title", "Du får veta hur ditt barn haft det varje dag.")
    page.fill("#id_commitments-0-expected_result", "Minst 90 procent svarar ja i enkäten.")
    page.select_option("#id_commitments-0-quality_criterion", "trygghet")
    page.click("#id_commitments-ADD")
    page.fill("#id_commitments-1-title", "Ditt barn är utomhus varje dag.")
    page.fill("#id_commitments-1-expected_result", "Utevistelse registreras alla dagar.")
    page.select_option("#id_commitments-1-quality_criterion", "inflytande")
    page.fill("#id_feedback_recipient", "Rektorn")
    page.fill("#id_remedy", "Vi rättar till det och berättar vad vi gjort.")
    page.fill("#id_valid_from", "2027-01-01")
    page.fill("#id_valid_to", "2027-12-31")

    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()

    # Wagtail's Swedish: "Sida '...' skapad och inlämnad för moderering."
    page.get_by_text("skapad och inlämnad för moderering").wait_for()
    guarantee = GuaranteePage.objects.get(title="Förskolan Blåklockan")
    assert not guarantee.live
    assert guarantee.current_workflow_state.status == "in_progress"
    assert [c.title for c in guarantee.get_latest_revision_as_object().commitments.all()] == [
        "Du får veta hur ditt barn haft det varje dag.",
        "Ditt barn är utomhus varje dag.",
    ]
    assert page.watch.hosts == {live_server.url.split("//")[1]}
