"""Demo staff: one person per role with a known password, tied to demo units.

Copes with whatever service areas and guarantees the guarantees demo created, including none
(then the people exist and are in their groups, but have no units yet; a later run adds them).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from guarantees.models import GuaranteePage, ServiceAreaPage

from . import roles
from .models import Role, UnitAssignment
from .setup import setup_roles

# username, password, first name, last name, group, (role, "area" or "unit") or None
DEMO_STAFF = [
    ("redaktor", "redaktor-demo", "Rebecka", "Redaktör", roles.UNIT_EDITOR, (Role.EDITOR, "area")),
    ("granskare", "granskare-demo", "Gunnar", "Granskare", roles.APPROVER, None),
    (
        "handlaggare",
        "handlaggare-demo",
        "Hanna",
        "Handläggare",
        roles.FEEDBACK_HANDLER,
        (Role.HANDLER, "area"),
    ),
    ("moderator", "moderator-demo", "Moa", "Moderator", roles.PROPOSAL_MODERATOR, None),
    ("kvalitet", "kvalitet-demo", "Kim", "Kvalitetsstrateg", roles.QUALITY_STAFF, None),
    (
        "enhetschef",
        "enhetschef-demo",
        "Elias",
        "Enhetschef",
        roles.UNIT_EDITOR,
        (Role.EDITOR, "unit"),
    ),
]


def _demo_page(kind):
    """The first service area, or the first guarantee of the first service area."""
    area = ServiceAreaPage.objects.order_by("path").first()
    if kind == "area" or area is None:
        return area
    return GuaranteePage.objects.child_of(area).order_by("path").first()


def load(stdout):
    setup_roles(stdout)
    user_model = get_user_model()
    lines = []
    for username, password, first, last, group_name, assignment in DEMO_STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username,
                email=f"{username}@angsby.example",
                password=password,
                first_name=first,
                last_name=last,
            )
            stdout.write(f"  created the demo user {username}")
        Group.objects.get(name=group_name).user_set.add(user)
        where = ""
        if assignment is not None:
            role, kind = assignment
            page = _demo_page(kind)
            if page is not None:
                UnitAssignment.objects.get_or_create(user=user, page=page, role=role)
                where = f" ({page.title})"
        lines.append(f"    {username} / {password}  {group_name}{where}")
    # load_demo runs only under the demo's settings (DEMO_SITE) or with --force, so these
    # passwords never reach production.
    stdout.write("\nDemo staff (user / password):\n" + "\n".join(lines) + "\n")
