"""Fixtures for what runs beside the app: Redis, S3, the reverse proxy, app servers."""

import importlib.util
import subprocess
from io import StringIO

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

from .servers import ROOT, RedisServer, S3Server, collect_static


def _deploy_proxy():
    spec = importlib.util.spec_from_file_location("deploy_proxy", ROOT / "deploy" / "proxy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


deploy_proxy = _deploy_proxy()

EDITOR = ("redaktor", "ett-langt-losenord-for-test")


@pytest.fixture(scope="session")
def proxy_installed():
    try:
        deploy_proxy.ensure_installed()
    except subprocess.CalledProcessError:
        pytest.fail("The reverse proxy is missing; `make test` installs it (bin/ensure-proxy).")


@pytest.fixture(scope="session")
def redis_installed():
    try:
        subprocess.run([str(ROOT / "bin" / "ensure-redis")], check=True)
    except subprocess.CalledProcessError:
        pytest.fail("redis-server is missing; `make test` installs it (bin/ensure-redis).")


@pytest.fixture
def redis_server(redis_installed):
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def production_var(tmp_path_factory):
    """A VAR_DIR as a deploy has it: static files collected for the manifest storage."""
    var_dir = tmp_path_factory.mktemp("production-var")
    collect_static(var_dir)
    return var_dir


@pytest.fixture
def var_dir(tmp_path):
    """The app servers' VAR_DIR (a module may name another)."""
    return tmp_path / "var"


@pytest.fixture
def demo_site(transactional_db, settings, var_dir):
    """The demo shell (its coat of arms in the header) in the database that app servers read,
    its files in their MEDIA_ROOT."""
    from wagtail.models import Site

    from home import demo as home_demo
    from home.models import MunicipalitySettings
    from tests.factories import load_demo_shell, restore_migrated_roots

    settings.MEDIA_ROOT = str(var_dir / "media")
    restore_migrated_roots()
    home = load_demo_shell()
    site_settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    home_demo.load_header(site_settings, StringIO())
    return home


@pytest.fixture
def editor(transactional_db, django_user_model):
    """An administrator whose password production's hasher can check (the test settings'
    MD5 hasher is not among production's)."""
    user = django_user_model.objects.create_superuser(EDITOR[0], "redaktor@example.se")
    user.password = make_password(EDITOR[1], hasher=PBKDF2PasswordHasher())
    user.save()
    return EDITOR
