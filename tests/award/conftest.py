import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clean_rate_limits():
    """Rate limits count in the cache; every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()
