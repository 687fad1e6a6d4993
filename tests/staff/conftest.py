"""A small municipality with one person per role: two service areas, one guarantee in each."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from feedback.models import Dimension, Feedback, Kind
from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles
from tests.factories import make_guarantee, make_service_area

PASSWORD = "test-password-1"  # noqa: S105

# Role name in tests -> the group the person is in (None: superuser or anonymous).
PEOPLE = {
    "editor": roles.UNIT_EDITOR,
    "approver": roles.APPROVER,
    "handler": roles.FEEDBACK_HANDLER,
    "moderator": roles.PROPOSAL_MODERATOR,
    "quality": roles.QUALITY_STAFF,
    "administrator": roles.ADMINISTRATOR,
}


@dataclass
class World:
    home: object
    own_area: object
    other_area: object
    own: object
    other: object
    own_case: object = None
    other_case: object = None
    users: dict = field(default_factory=dict)


def make_staff(username, group_name):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@angsby.example", password=PASSWORD
    )
    Group.objects.get(name=group_name).user_set.add(user)
    return user


@pytest.fixture
def world(home_page):
    setup_roles()
    own_area = make_service_area(home_page, title="Förskola")
    other_area = make_service_area(home_page, title="Grundskola")
    today = timezone.localdate()
    own = make_guarantee(
        own_area, title="Förskolan Solrosen", valid_to=today + datetime.timedelta(days=30)
    )
    other = make_guarantee(
        other_area, title="Ekskolan", valid_to=today + datetime.timedelta(days=365)
    )
    world = World(home_page, own_area, other_area, own, other)
    world.own_case, _ = Feedback.receive(
        unit=own, kind=Kind.COMPLAINT, dimension=Dimension.TREATMENT, message="Om bemötandet."
    )
    world.other_case, _ = Feedback.receive(
        unit=other, kind=Kind.OPINION, dimension=Dimension.INFORMATION, message="Om skolan."
    )
    for username, group_name in PEOPLE.items():
        world.users[username] = make_staff(username, group_name)
    UnitAssignment.objects.create(user=world.users["editor"], page=own_area, role=Role.EDITOR)
    UnitAssignment.objects.create(user=world.users["handler"], page=own_area, role=Role.HANDLER)
    world.users["superuser"] = get_user_model().objects.create_superuser(
        "super", email="super@angsby.example", password=PASSWORD
    )
    return world


def post_data(form):
    """The POST body a browser would send for an unchanged Wagtail admin form."""
    data = {}

    def add(bound_field):
        value = bound_field.value()
        widget = bound_field.field.widget
        widget_value = widget.format_value(value) if value is not None else ""
        if isinstance(widget_value, list) and not getattr(widget, "allow_multiple_selected", 0):
            widget_value = widget_value[0] if widget_value else ""
        if isinstance(value, bool):
            if value:
                data[bound_field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound_field.html_name] = [str(v) for v in value]
        else:
            data[bound_field.html_name] = "" if widget_value is None else str(widget_value)

    for bound_field in form:
        add(bound_field)
    for formset in getattr(form, "formsets", {}).values():
        for bound_field in formset.management_form:
            add(bound_field)
        for subform in formset.forms:
            for bound_field in subform:
                add(bound_field)
    return data
