"""The fixed template's rules: validation of commitments and validity, and the page tree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from guarantees.models import Commitment, GuaranteePage, QualityCriterion, ServiceAreaPage
from home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def test_a_commitment_without_an_expected_result_is_refused():
    commitment = Commitment(title="Vi svarar snabbt", quality_criterion=QualityCriterion.TREATMENT)
    with pytest.raises(ValidationError) as error:
        commitment.clean()
    assert "expected_result" in error.value.message_dict


def test_a_commitment_whose_expected_result_is_only_whitespace_is_refused():
    commitment = Commitment(
        title="Vi svarar snabbt",
        expected_result="   \n ",
        quality_criterion=QualityCriterion.TREATMENT,
    )
    with pytest.raises(ValidationError) as error:
        commitment.clean()
    assert error.value.message_dict["expected_result"] == [
        "Ett åtagande måste ha ett förväntat resultat."
    ]


def test_a_commitment_with_an_expected_result_is_accepted_and_only_that_decides():
    commitment = Commitment(
        title="Vi svarar snabbt",
        expected_result="Minst 95 procent får svar inom två dagar.",
        quality_criterion=QualityCriterion.TREATMENT,
    )
    commitment.full_clean(exclude=["page"])  # every field's validation, not only clean()
    commitment.expected_result = "  \n "  # a field validator lets this through: clean() must not
    with pytest.raises(ValidationError) as error:
        commitment.full_clean(exclude=["page"])
    assert list(error.value.message_dict) == ["expected_result"]


@pytest.mark.parametrize("days", [0, -30])
def test_validity_must_end_after_it_starts(guarantee, days):
    guarantee.valid_to = guarantee.valid_from + datetime.timedelta(days=days)
    with pytest.raises(ValidationError) as error:
        guarantee.clean()
    assert error.value.message_dict["valid_to"] == ["Slutdatum måste vara efter startdatum."]


def test_validity_that_ends_the_day_after_it_starts_is_accepted_and_is_the_boundary(guarantee):
    guarantee.valid_to = guarantee.valid_from + datetime.timedelta(days=1)
    guarantee.full_clean()
    guarantee.valid_to = guarantee.valid_from
    with pytest.raises(ValidationError) as error:
        guarantee.full_clean()
    assert list(error.value.message_dict) == ["valid_to"]


def test_a_guarantee_past_its_end_date_is_expired(guarantee):
    today = timezone.localdate()
    guarantee.valid_from = today - datetime.timedelta(days=400)
    guarantee.valid_to = today - datetime.timedelta(days=1)
    assert guarantee.is_expired
    guarantee.valid_to = today
    assert not guarantee.is_expired


def test_a_guarantee_can_only_stand_under_a_service_area(home_page, service_area, guarantee):
    root = Page.get_first_root_node()
    assert GuaranteePage.can_create_at(service_area)
    assert not GuaranteePage.can_create_at(home_page)
    assert not GuaranteePage.can_create_at(root)
    assert not GuaranteePage.can_create_at(guarantee)
    content = ContentPage(title="Om oss")
    home_page.add_child(instance=content)
    assert not GuaranteePage.can_create_at(content)


def test_a_service_area_can_only_stand_under_the_home_page(home_page, service_area, guarantee):
    assert ServiceAreaPage.can_create_at(home_page)
    assert not ServiceAreaPage.can_create_at(Page.get_first_root_node())
    assert not ServiceAreaPage.can_create_at(service_area)
    assert not ServiceAreaPage.can_create_at(guarantee)


def test_nothing_can_be_created_under_a_guarantee(guarantee):
    assert guarantee.specific_class.allowed_subpage_models() == []


def test_a_service_area_accepts_only_guarantees(service_area):
    assert ServiceAreaPage.allowed_subpage_models() == [GuaranteePage]
    assert HomePage not in ServiceAreaPage.allowed_subpage_models()


def test_the_admin_offers_a_guarantee_form_under_an_area_but_not_under_the_home_page(
    admin_client, home_page, service_area
):
    under_area = admin_client.get(f"/admin/pages/add/guarantees/guaranteepage/{service_area.pk}/")
    assert under_area.status_code == 200
    under_home = admin_client.get(f"/admin/pages/add/guarantees/guaranteepage/{home_page.pk}/")
    # Wagtail answers a forbidden admin action by sending the editor back to the dashboard.
    assert under_home.status_code == 302
    assert under_home["Location"] == "/admin/"


def test_the_commitments_that_apply_to_a_unit_are_its_own_its_areas_and_the_citys(service_area):
    from tests.factories import make_guarantee, make_service_area

    unit = make_guarantee(service_area, title="Förskolan Blåklinten")
    sibling = make_guarantee(service_area, title="Förskolan Smörblomman")
    other_area = make_service_area(service_area.get_parent().specific, title="Skola")
    home = service_area.get_parent()
    expected = set(
        Commitment.objects.filter(page__in=[unit, service_area, home]).values_list("pk", flat=True)
    )
    assert len(expected) == unit.commitments.count() + service_area.commitments.count() + (
        Commitment.objects.filter(page=home).count()
    )
    got = {c.pk for c in unit.applicable_commitments()}
    assert got == expected
    assert not got & set(sibling.commitments.values_list("pk", flat=True))
    assert not got & set(other_area.commitments.values_list("pk", flat=True))


def test_the_areas_of_many_units_are_found_in_one_query(service_area, django_assert_num_queries):
    from tests.factories import make_guarantee, make_service_area

    other_area = make_service_area(service_area.get_parent().specific, title="Skola")
    units = [make_guarantee(service_area, title=f"Förskola {i}") for i in range(3)]
    units += [make_guarantee(other_area, title=f"Skola {i}") for i in range(3)]
    with django_assert_num_queries(1):
        areas = ServiceAreaPage.of_units(units)
    assert {pk: area.pk for pk, area in areas.items()} == {
        **{unit.pk: service_area.pk for unit in units[:3]},
        **{unit.pk: other_area.pk for unit in units[3:]},
    }
    assert units[0].service_area == service_area
