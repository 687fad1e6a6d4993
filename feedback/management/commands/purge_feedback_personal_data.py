"""Remove residents' contact details from closed cases past their retention time (for cron)."""

from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from feedback.models import Feedback, FeedbackSettings, Kind, Status


class Command(BaseCommand):
    help = (
        "Blank name, e-mail and phone of closed feedback older than the retention time set per "
        "kind in the site settings. The case itself, a public record, remains."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        settings = FeedbackSettings.for_site(site) if site else FeedbackSettings()
        now = timezone.now()
        total = 0
        for kind in Kind:
            cutoff_date = timezone.localdate(now) - relativedelta(months=settings.months_for(kind))
            with transaction.atomic():
                total += Feedback.objects.filter(
                    kind=kind,
                    status=Status.CLOSED,
                    closed_at__date__lt=cutoff_date,
                    personal_data_removed_at__isnull=True,
                ).update(name="", email="", phone="", personal_data_removed_at=now)
        self.stdout.write(f"personal data removed from {total} cases")
