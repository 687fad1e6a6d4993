"""What runs beside the app in production, started for real on loopback ports of their own:
Redis (Debian's redis-server), an S3-speaking server (moto in server mode), and the app
itself under gunicorn, as many processes as a test needs. Each waits until it answers
(polling, never sleeping for a fixed time) and is stopped by its owner."""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import requests
from django.db import connection
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, process, what, log=None, timeout=STARTUP_SECONDS):
    """Poll `ready()` until it is true; fail at once if `process` died, or after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start:\n{log.read_text() if log else ''}")
        try:
            if ready():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not answer within {timeout} s")


def stop_process(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def database_url():
    """The test database, as the pytest process (and its xdist worker) sees it."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class RedisServer:
    """Debian's redis-server on a free loopback port, nothing persisted; `restart()` keeps the
    port, as a restarted or failed-over Redis keeps its address."""

    def __init__(self):
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="test-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def start(self):
        log = self.dir / "redis.log"
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(log),
            ]
        )
        wait_until(lambda: self.client().ping(), self.process, "redis-server", log)
        return self

    def stop(self):
        if self.process is not None:
            stop_process(self.process)

    def restart(self):
        self.stop()
        return self.start()

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadOfUploads",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class S3Server:
    """moto in server mode: a real S3-speaking HTTP server on a free loopback port, with one
    bucket made as an operator would make it."""

    region = "eu-north-1"
    access_key = "test-access-key"
    secret_key = "test-secret-key"  # noqa: S105 - moto accepts any key

    def __init__(self, bucket="kvalitet-media"):
        self.bucket = bucket
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="test-s3-"))
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def env(self):
        """The app's environment for this bucket: what the README's configuration names."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": self.region,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )

    def object_keys(self):
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def start(self):
        log = self.dir / "moto.log"
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_until(
            lambda: requests.get(self.url + "/moto-api/", timeout=2).ok,
            self.process,
            "moto server",
            log,
        )
        client = self.client()
        client.create_bucket(
            Bucket=self.bucket, CreateBucketConfiguration={"LocationConstraint": self.region}
        )
        # Anyone may read an object (images stand in public pages), only the app may write.
        client.put_bucket_policy(
            Bucket=self.bucket, Policy=json.dumps(public_read_policy(self.bucket))
        )
        return self

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(var_dir, **extra):
    """`config.settings.production` as an operator runs it on one plain-HTTP loopback host."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The shared conftest allows async-unsafe ORM calls for Playwright; production must not.
        if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(var_dir),
        DATABASE_URL=database_url(),
        CONN_MAX_AGE="0",
    )
    env.update(extra)
    return env


def collect_static(var_dir):
    """The hashed static files that production's manifest storage needs, as a deploy makes."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=production_env(var_dir),
        check=True,
    )


def browser():
    """A `requests` session that keeps connections alive and, as a browser does, sends an
    idempotent request (GET, HEAD) once more on a new connection when the one it reused dies
    before answering (RFC 9112 section 9.3.1).

    gunicorn's gthread worker closes a connection idle for its keep-alive (2 s). A request
    sent in the instant it does so, as a resident's next click after a pause may be, meets a
    reset, not a page. A POST is never sent twice: a browser asks the person first.
    """
    session = requests.Session()
    retry = Retry(total=1, connect=1, read=1, status=0, other=0, redirect=0)
    session.mount("http://", HTTPAdapter(max_retries=retry))
    return session


class AppServer:
    """One gunicorn process (one worker) on a free loopback port with the environment given."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="test-gunicorn-", suffix=".log")[1])
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    self.address,
                    "--workers",
                    "1",
                    "--threads",
                    "4",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_until(
            lambda: requests.get(self.url + "/healthz", timeout=5).status_code == 200,
            self.process,
            "gunicorn",
            self.log,
        )
        return self

    def output(self):
        return self.log.read_text()

    def assert_no_worker_lost(self):
        """gunicorn logs an error when its worker dies or is killed (a crash, a timeout):
        a browser's retry would hide that, this does not."""
        log = self.output()
        assert "[ERROR]" not in log and "[CRITICAL]" not in log, log[-3000:]

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
        self.log.unlink(missing_ok=True)


class Visitor:
    """A person's browser over plain HTTP to a production-settings server.

    Production marks its cookies Secure (they would travel over TLS in front of the proxy);
    `requests` rightly never sends those over http, so this visitor keeps them by hand.
    """

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def _headers(self, extra):
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, response):
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, path, base=None, headers=None):
        return self._keep(
            requests.get(
                (base or self.base) + path,
                headers=self._headers(headers),
                allow_redirects=False,
                timeout=60,
            )
        )

    def post(self, path, data, files=None, base=None, headers=None):
        return self._keep(
            requests.post(
                (base or self.base) + path,
                data=data,
                files=files,
                headers=self._headers(headers),
                allow_redirects=False,
                timeout=60,
            )
        )

    def csrf_token(self, html):
        import re

        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def log_in(self, username, password):
        page = self.get("/admin/login/")
        response = self.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": self.csrf_token(page.text),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert response.status_code == 302, response.text[:2000]
        assert "sessionid" in self.cookies

    def upload_image(self, title, content, filename, base=None):
        """An image through Wagtail's admin form, as an editor adds one."""
        page = self.get("/admin/images/add/", base=base)
        assert page.status_code == 200, page.text[:2000]
        response = self.post(
            "/admin/images/add/",
            {"csrfmiddlewaretoken": self.csrf_token(page.text), "title": title, "tags": ""},
            files={"file": (filename, content, "image/png")},
            base=base,
        )
        assert response.status_code == 302, response.text[:2000]

    def upload_document(self, title, content, filename, base=None):
        page = self.get("/admin/documents/add/", base=base)
        assert page.status_code == 200, page.text[:2000]
        response = self.post(
            "/admin/documents/add/",
            {"csrfmiddlewaretoken": self.csrf_token(page.text), "title": title, "tags": ""},
            files={"file": (filename, content, "application/pdf")},
            base=base,
        )
        assert response.status_code == 302, response.text[:2000]
