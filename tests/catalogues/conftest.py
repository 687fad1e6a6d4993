# The public site with every page type, as the quality sweeps build it.
from tests.quality.conftest import public_site  # noqa: F401
