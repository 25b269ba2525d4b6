"""``genm_load_rules [FILE]``: validate a YAML rule set and store it as the next version, active at once.

Without FILE, the file named by ``GENM_CHARITY_RULES_FILE`` is read. A file with problems changes nothing; every
problem is printed with its line and key, and the command exits non-zero.
"""
from django.core.management.base import BaseCommand, CommandError

from genm_charity import api
from genm_charity.conf import setting


class Command(BaseCommand):
    help = "Load conversion rules from a YAML file as a new version and activate it."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the YAML file (default: GENM_CHARITY_RULES_FILE)")
        parser.add_argument("--draft", action="store_true", help="store the version without activating it")

    def handle(self, *args, **options):
        path = options["file"] or setting("GENM_CHARITY_RULES_FILE")
        if not path:
            raise CommandError("Name a rules file, or set GENM_CHARITY_RULES_FILE.")
        try:
            rules = api.load_rules_file(path, activate=not options["draft"])
        except api.RulesError as error:
            raise CommandError("\n".join(error.problems)) from error
        state = "active" if rules.is_active else "a draft"
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {path} as version {rules.version} ({state}): {len(rules.rules)} kinds of action, "
            f"{rules.point_value_kopecks} kopecks a point, for the fund {rules.fund_slug}."))
