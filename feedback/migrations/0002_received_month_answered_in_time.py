"""Store the month received and whether the reply came in time, and fill them for existing rows.

The compilation groups by these instead of converting two time stamps per row. One UPDATE fills
the existing rows, with the same rule as Feedback.save() (dates in settings.TIME_ZONE).
"""

from django.db import migrations, models
from django.db.models import Case, F, Value, When
from django.db.models.functions import TruncMonth


def fill_derived_fields(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    Feedback.objects.update(
        received_month=TruncMonth("received_at", output_field=models.DateField()),
        answered_in_time=Case(
            When(replied_at__date__lte=F("deadline"), then=Value(True)),
            default=Value(False),
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="received_month",
            field=models.DateField(editable=False, null=True, verbose_name="inkommen månad"),
        ),
        migrations.AddField(
            model_name="feedback",
            name="answered_in_time",
            field=models.BooleanField(default=False, editable=False, verbose_name="besvarad i tid"),
        ),
        migrations.RunPython(fill_derived_fields, migrations.RunPython.noop, elidable=True),
    ]
