from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from kolada.importer import import_values, kpis_in_use, units_in_kolada
from kolada.models import KoladaSettings


class Command(BaseCommand):
    help = (
        "Fetch from Kolada the values of the key figures that commitments use: for the "
        "municipality, the country, the comparison group and the units. Idempotent; a failed "
        "fetch is retried and never erases stored values. Run nightly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", help="Only this year (repeatable)."
        )
        parser.add_argument("--kpi", action="append", help="Only this key figure (repeatable).")

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: nothing says which municipality this is.")
        config = KoladaSettings.for_site(site)
        this_year = timezone.localdate().year
        years = options["year"] or list(range(this_year - config.years, this_year))
        kpis = options["kpi"] or kpis_in_use()
        if not kpis:
            self.stdout.write("No commitment names a key figure: nothing to fetch.")
            return
        if not config.municipality_id:
            self.stderr.write("No municipality id in the Kolada settings: only units fetched.")
        outcome = import_values(
            kpis=kpis,
            years=years,
            municipality=config.municipality_id,
            group=config.comparison_group_id,
            ous=units_in_kolada(),
        )
        self.stdout.write(
            f"Stored {outcome.stored} values of {len(kpis)} key figures "
            f"for {min(years)}-{max(years)}."
        )
        if outcome.errors:
            raise CommandError("Kolada could not be read: " + "; ".join(outcome.errors))
