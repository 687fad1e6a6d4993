"""The demo shows good examples tied to follow-ups and a decided award, and stays idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from wagtail.models import GroupPagePermission

from award.models import Nomination, Status
from examples.models import GoodExampleIndexPage, GoodExamplePage
from examples.setup import grant_after_migrate
from staff import roles

pytestmark = pytest.mark.django_db


def test_demo_has_examples_linked_to_follow_ups_and_a_decided_award(demo):
    # The session's demo (tests/snapshots.py) is the first load; this is the second.
    call_command("load_demo", "--force", "--no-admin", stdout=StringIO())
    examples = GoodExamplePage.objects.live().in_source_language()
    assert examples.count() == 2
    assert all(example.outcome_id for example in examples)
    assert Nomination.objects.filter(status=Status.WINNER).count() == 2

    client = Client()
    example = examples.first()
    assert f'href="{example.url}"' in client.get(example.unit.url).content.decode()
    assert client.get("/kvalitetspriset/").status_code == 200
    assert client.get("/kvalitetspriset/nominera/").status_code == 200

    # The unit editors' grant on the listing page comes back after a migrate.
    index = GoodExampleIndexPage.objects.in_source_language().get()
    grants = GroupPagePermission.objects.filter(page=index, group__name=roles.UNIT_EDITOR)
    assert grants.count() == 2
    grants.delete()
    grant_after_migrate(sender=list(apps.get_app_configs())[-1])
    assert grants.count() == 2
