"""Links in mail come from the site's configured address, and the demo's follows PORT."""

import os
import subprocess
import sys
from pathlib import Path

from django.template import Context, Template
from django.test import override_settings

from home.resident_input import absolute_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@override_settings(WAGTAILADMIN_BASE_URL="https://kvalitet.kommun.se/")
def test_a_path_becomes_an_address_on_the_configured_site():
    assert absolute_url("/e-forslag/7/") == "https://kvalitet.kommun.se/e-forslag/7/"
    rendered = Template("{% load links %}{{ path|absolute_url }}").render(
        Context({"path": "/sok/"})
    )
    assert rendered == "https://kvalitet.kommun.se/sok/"


def test_the_demo_address_follows_port():
    env = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    env["PORT"] = "8123"
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.dev as s; print(s.WAGTAILADMIN_BASE_URL)"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8123"
