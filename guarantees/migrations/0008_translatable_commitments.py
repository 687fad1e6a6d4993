"""Commitments become translatable: each locale's page has its own rows, one per Swedish row
(the same translation_key), as wagtail-localize keeps them (docs/architecture.md, "Languages").

In three steps, so that existing rows are kept: the two fields are added empty, each row gets
a key of its own and its page's locale, then the fields become required and unique together.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def key_and_locale(apps, schema_editor):
    Model = apps.get_model("guarantees", "Commitment")
    Page = apps.get_model("wagtailcore", "Page")
    locales = dict(Page.objects.values_list("pk", "locale_id"))
    rows = list(Model.objects.only("pk", "page_id"))
    for row in rows:
        row.translation_key = uuid.uuid4()
        row.locale_id = locales[row.page_id]
    Model.objects.bulk_update(rows, ["translation_key", "locale"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("guarantees", "0007_unit_positions_districts_and_address_list"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitment",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="commitment",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(key_and_locale, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commitment",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="commitment",
            unique_together={("translation_key", "locale")},
        ),
    ]
