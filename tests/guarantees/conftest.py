import pytest
from django.utils import timezone

from tests.factories import make_guarantee


@pytest.fixture
def expired_guarantee(service_area):
    today = timezone.localdate()
    return make_guarantee(
        service_area,
        title="Förskolan Vitsippan",
        valid_from=today.replace(year=today.year - 2, month=1, day=1),
        valid_to=today.replace(year=today.year - 1, month=12, day=31),
    )
