"""Seed the blocklist with well-known disposable mail services; moderators edit it later."""

from django.db import migrations

DISPOSABLE = [
    "10minutemail.com",
    "dispostable.com",
    "guerrillamail.com",
    "mailinator.com",
    "sharklasers.com",
    "temp-mail.org",
    "trashmail.com",
    "yopmail.com",
]


def seed(apps, schema_editor):
    BlockedDomain = apps.get_model("proposals", "BlockedDomain")
    for domain in DISPOSABLE:
        BlockedDomain.objects.get_or_create(
            domain=domain, defaults={"note": "Engångsadresser (förinläst)"}
        )


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
