"""``genm_recompute_totals``: rebuild every counter from the ledger and report any drift (expected: none).

With ``--check`` nothing is changed, and drift makes the command exit non-zero (for monitoring).
"""
from django.core.management.base import BaseCommand, CommandError

from genm_charity import api


class Command(BaseCommand):
    help = "Rebuild the charity counters from the ledger and report where they had drifted."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only report; exit non-zero on drift")

    def handle(self, *args, **options):
        report = api.recompute_totals(fix=not options["check"])
        for drift in report.drift:
            self.stdout.write(f"drift: {drift.scope} {drift.field}: stored {drift.stored}, "
                              f"ledger says {drift.expected}")
        summary = f"{report.entries} ledger entries, {report.counters} counters compared"
        if not report.drift:
            self.stdout.write(self.style.SUCCESS(f"No drift: {summary}."))
        elif options["check"]:
            raise CommandError(f"{len(report.drift)} counters drifted ({summary}); run without --check to fix them.")
        else:
            self.stdout.write(self.style.WARNING(f"Fixed {len(report.drift)} drifted counters ({summary})."))
