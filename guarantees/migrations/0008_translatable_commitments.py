"""Commitments become translatable: each locale's page has its own rows, one per Swedish row
(the same translation_key), as wagtail-localize keeps them (docs/architecture.md, "Languages").

In three steps, so that existing rows are kept: the two fields are added empty, each row gets
a key of its own and the source locale (Wagtail's bootstrap; every page is in it before this), then the fields become required and unique together.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models.i18n import BootstrapTranslatableModel


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
        BootstrapTranslatableModel("guarantees.Commitment"),
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
