"""What every staff template keeps to, checked over the templates of every app Django knows, so
that a new staff screen cannot escape:

- dates read one way, "tis 25 nov 2026" (home/dates.py): a day goes through the house filters
  `staff_date` and `staff_datetime`, never a format of the template's own;
- text for screen readers only wears Wagtail's class, `w-sr-only`: the public site's
  `visually-hidden` is not in the admin's styles, so such a caption showed to everyone."""

import datetime
import re
from pathlib import Path

from django.apps import apps
from django.utils import timezone

from home.dates import STAFF_DATE
from proposals.models import VoteInvalidation

DATE_FILTER = re.compile(r"""\|date:(["'])(?P<format>[^"']*)\1""")
# What a template may still format itself: a machine-readable moment (`<time datetime>`, a
# query string), a month as a column head, or the house format with seconds added (the vote
# invalidation preview, where bursts within a minute are the point).
ALLOWED = re.compile(r"^(c|[FbMnmY ]+|" + re.escape(STAFF_DATE) + r" H:i:s)$")


def staff_templates():
    """Templates of the admin: those under an `admin/` folder of any app, and the staff app's."""
    found = []
    for config in apps.get_app_configs():
        root = Path(config.path) / "templates"
        if ".venv" in root.parts or "site-packages" in root.parts or not root.is_dir():
            continue
        for path in sorted(root.glob("**/*.html")):
            relative = path.relative_to(root).parts
            if "admin" in relative[:-1] or config.label == "staff":
                found.append(path)
    return found


def test_the_sweep_finds_the_staff_templates():
    names = {path.name for path in staff_templates()}
    assert {"case.html", "proposal.html", "traffic_table.html", "nomination.html"} <= names


def test_every_staff_template_writes_dates_through_the_house_filters():
    offenders = [
        f'{path}: |date:"{match["format"]}"'
        for path in staff_templates()
        for match in DATE_FILTER.finditer(path.read_text())
        if not ALLOWED.match(match["format"])
    ]
    assert offenders == [], "use |staff_date or |staff_datetime:\n" + "\n".join(offenders)


PUBLIC_HIDDEN = re.compile(r"""class=["'][^"']*\bvisually-?hidden\b""")


def test_screen_reader_text_in_staff_templates_wears_wagtails_class():
    offenders = [str(path) for path in staff_templates() if PUBLIC_HIDDEN.search(path.read_text())]
    assert offenders == [], 'use class="w-sr-only" in the admin:\n' + "\n".join(offenders)


def test_a_vote_invalidation_is_named_with_the_staff_date():
    at = timezone.make_aware(datetime.datetime(2026, 11, 24, 9, 5))
    assert str(VoteInvalidation(count=45, at=at)) == "45 röster, tis 24 nov 2026 09:05"
