from tests.staff.conftest import world  # noqa: F401
