from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from kolada.client import Kolada, KoladaError
from kolada.importer import import_values, kpis_in_use
from kolada.models import KoladaSettings


class Command(BaseCommand):
    help = (
        "Fetch from Kolada the values of the key figures that commitments use: for the "
        "municipality, its comparison group, the country and the units. One key figure at a "
        "time, each in its own transaction; a figure that cannot be read keeps its stored "
        "values. Prints a line per key figure and a summary; the run is recorded for the "
        "admin. Idempotent: run nightly from cron."
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
        try:
            kolada = Kolada()
        except KoladaError as error:
            raise CommandError(str(error)) from None
        with kolada:
            self.stdout.write(
                f"Kolada v{kolada.version} at {kolada.base_url}: {len(kpis)} key figures, "
                f"{min(years)}-{max(years)}."
            )
            run = import_values(
                kolada,
                kpis=kpis,
                years=years,
                municipality=config.municipality_id,
                group=config.comparison_group_id,
                report=self.stdout.write,
            )
        failed = {kpi for kpi in run.failed_kpis if kpi}
        self.stdout.write(
            f"Done: {len(kpis) - len(failed)} of {len(kpis)} key figures; "
            f"values {run.new} new, {run.changed} changed, {run.unchanged} unchanged, "
            f"{run.missing} missing."
        )
        if run.failures:
            raise CommandError(
                "Kolada could not be read: " + "; ".join(f["error"] for f in run.failures)
            )
