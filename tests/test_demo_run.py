"""`make run`'s PostgreSQL (bin/demo-postgres): created on the first run, reused on the next,
stopped when the command ends, on success, on failure and on Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

LAUNCHER = Path(__file__).resolve().parent.parent / "bin" / "demo-postgres"

# Writes one row per run into the demo database and prints how many there are.
COUNT_RUNS = """
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://")) as db:
    db.execute("CREATE TABLE IF NOT EXISTS runs (n serial)")
    db.execute("INSERT INTO runs DEFAULT VALUES")
    print("runs:", db.execute("SELECT count(*) FROM runs").fetchone()[0])
"""


@pytest.fixture
def home():
    # Not under pytest's tmp_path: as root the server runs as another user, who must be able
    # to reach the directory.
    parent = Path(tempfile.mkdtemp(prefix="demo-run-"))
    parent.chmod(0o755)
    yield parent / "postgres"
    shutil.rmtree(parent, ignore_errors=True)


def launch(home, *command, **kwargs):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, str(LAUNCHER), "--home", str(home), *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def server_stopped(home):
    return not (home / "data" / "postmaster.pid").exists()


def alive(pid):
    """Running, not merely a zombie that no init has reaped yet (as in some containers)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def postmaster_pid(home):
    return int((home / "data" / "postmaster.pid").read_text().split()[0])


def test_first_run_creates_the_cluster_a_second_reuses_it_and_each_stops_it(home):
    first = launch(home, sys.executable, "-c", COUNT_RUNS)
    assert first.returncode == 0, first.stderr
    assert "creating the demo's PostgreSQL cluster" in first.stdout
    assert "runs: 1" in first.stdout
    assert server_stopped(home)

    second = launch(home, sys.executable, "-c", COUNT_RUNS)
    assert second.returncode == 0, second.stderr
    assert "creating" not in second.stdout
    assert "runs: 2" in second.stdout  # the same cluster and database, nothing lost
    assert server_stopped(home)


def test_a_failing_command_stops_the_server_and_passes_its_exit_status_on(home):
    result = launch(home, sys.executable, "-c", "raise SystemExit(3)")
    assert result.returncode == 3
    assert "PostgreSQL stopped" in result.stdout
    assert server_stopped(home)


def test_ctrl_c_stops_the_command_and_the_server(home):
    launcher = subprocess.Popen(
        [
            sys.executable,
            str(LAUNCHER),
            "--home",
            str(home),
            sys.executable,
            "-c",
            "import time; print('serving', flush=True); time.sleep(120)",
        ],
        env={key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for line in launcher.stdout:
            if line.startswith("serving"):
                break
        server = postmaster_pid(home)
        launcher.send_signal(signal.SIGINT)
        assert launcher.wait(timeout=60) != 0
    finally:
        if launcher.poll() is None:
            launcher.kill()
    assert server_stopped(home)
    assert not alive(server)
