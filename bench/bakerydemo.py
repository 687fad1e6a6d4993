"""wagtail/bakerydemo, the reference site the benches measure this one against.

Its checkout (BENCH_BAKERYDEMO, or cloned at COMMIT under var/bench/bakerydemo) runs in a
virtualenv of its own on top of this project's packages (one .pth line), so both sites run the
same Django, Wagtail and psycopg; bakerydemo's four small extras go into it alone
(BENCH_BAKERYDEMO_PYTHON names another Python). It runs with its production settings, on its
own database, with its own demo data (`load_initial_data`).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

URL = "https://github.com/wagtail/bakerydemo.git"
COMMIT = "8e2b625755d8942412d5b7627b146a795933b8b2"
# bakerydemo's own pins for what this project's virtualenv lacks (requirements/base.txt).
EXTRAS = [
    "wagtail-font-awesome-svg>=1,<2",
    "django-extensions>=4.1,<5",
    "django-debug-toolbar>=4.2,<5",
    "python-dotenv>=1.2.1,<2",
]


def checkout(var):
    """The checkout's directory, cloned at COMMIT when missing."""
    directory = Path(os.environ.get("BENCH_BAKERYDEMO") or var / "bakerydemo")
    if not (directory / "manage.py").exists():
        print(f"Cloning wagtail/bakerydemo {COMMIT[:7]} ...", flush=True)
        if subprocess.run(["git", "clone", "-q", URL, str(directory)]).returncode:
            sys.exit(
                f"bench: cannot clone {URL}; set BENCH_BAKERYDEMO to a checkout of commit {COMMIT}"
            )
        subprocess.run(["git", "-C", str(directory), "checkout", "-q", COMMIT], check=True)
    return directory


def commit_of(directory):
    """The commit measured, as the report names it."""
    found = subprocess.run(
        ["git", "-C", str(directory), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return found or "(not a git checkout)"


def _purelib(python):
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def python(var):
    """BENCH_BAKERYDEMO_PYTHON, or bakerydemo's virtualenv under `var`, made when missing."""
    named = os.environ.get("BENCH_BAKERYDEMO_PYTHON")
    if named:
        return Path(named)
    venv = var / "bakerydemo-venv"
    interpreter = venv / "bin" / "python"
    if not interpreter.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        Path(_purelib(interpreter), "kvalitet-venv.pth").write_text(_purelib(sys.executable) + "\n")
        subprocess.run(
            [str(interpreter), "-m", "pip", "install", "-q", "--no-deps", *EXTRAS], check=True
        )
    return interpreter


def environment(database_url):
    """Its production settings on `database_url`, for the test client's host."""
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
        },
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        # bakerydemo adds django.contrib.postgres for a postgres:// URL only.
        "DATABASE_URL": "postgres://" + database_url.split("://", 1)[1],
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def prepare(interpreter, directory, env, reused):
    """Its database migrated, its demo data loaded and indexed (unless `reused`), and its
    static files collected."""
    print("Preparing wagtail/bakerydemo ...", flush=True)
    steps = [] if reused else [["migrate", "--noinput", "-v", "0"], ["load_initial_data"]]
    steps += [] if reused else [["update_index"]]
    steps += [["collectstatic", "--noinput", "-v", "0"]]
    for args in steps:
        subprocess.run(
            [str(interpreter), "manage.py", *args],
            cwd=directory,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
