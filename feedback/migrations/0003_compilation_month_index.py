"""received_month is always set now; the compilation's covering index follows its GROUP BY."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_received_month_answered_in_time")]

    operations = [
        migrations.AlterField(
            model_name="feedback",
            name="received_month",
            field=models.DateField(editable=False, verbose_name="inkommen månad"),
        ),
        migrations.RemoveIndex(model_name="feedback", name="feedback_compilation"),
        migrations.AddIndex(
            model_name="feedback",
            index=models.Index(
                fields=["received_month", "unit", "kind", "dimension"],
                include=("received_at", "answered_in_time"),
                name="feedback_compilation_month",
            ),
        ),
    ]
