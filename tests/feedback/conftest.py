import pytest


@pytest.fixture
def other_unit(home_page):
    from tests.factories import make_guarantee, make_service_area

    area = make_service_area(home_page, title="Äldreomsorg")
    return make_guarantee(area, title="Hemtjänsten Norr")


@pytest.fixture
def make_handler(db):
    from django.contrib.auth.models import Group, Permission

    from staff.models import Role, UnitAssignment

    def make(username, page, email=None):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(
            username, email or f"{username}@example.se", "pw", is_staff=True
        )
        group, _ = Group.objects.get_or_create(name="Synpunktshandläggare")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_feedback"),
            Permission.objects.get(codename="change_feedback"),
        )
        user.groups.add(group)
        UnitAssignment.objects.create(user=user, page=page, role=Role.HANDLER)
        return user

    return make


def form_data(client, url, **overrides):
    """The hidden fields of a freshly rendered form plus sensible answers."""
    import re

    html = client.get(url).content.decode()
    parts = re.search(r'data-form-parts="([^"]+)"', html)
    if parts:  # a cached page's form: its key comes as protected-form.js fetches it
        key = client.get(parts.group(1)).json()["key"]
    else:
        key = re.search(r'name="form_key" value="([^"]+)"', html).group(1)
    data = {
        "kind": "synpunkt",
        "dimension": "bemotande",
        "message": "Personalen var mycket vänlig när vi hämtade vårt barn.",
        "name": "Anna Svensson",
        "email": "anna@example.se",
        "phone": "",
        "wants_reply": "on",
        "form_key": key,
        "website": "",
        "altcha": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
