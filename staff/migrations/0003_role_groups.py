"""Create the staff role groups. Their permissions come from `setup_roles`, which runs after
every migrate: on a fresh database the permissions themselves do not exist yet here."""

from django.db import migrations

# Frozen copy of staff.roles.ROLE_GROUPS: a migration must not change when the code does.
ROLE_GROUPS = [
    "Enhetsredaktör",
    "Nämndens granskare",
    "Synpunktshandläggare",
    "Moderator för e-förslag",
    "Kvalitetsstrateg",
    "Administratör",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        if access_admin is not None:
            group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_unit_editor_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
