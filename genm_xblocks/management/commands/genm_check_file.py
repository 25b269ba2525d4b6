"""``genm_check_file PATH --kind KIND [--name UPLOAD_NAME]``: would this file be accepted, and if not, why?

For support staff asked "why was my file refused?": it runs exactly the checks and processing an upload goes
through and prints one JSON line.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ... import media
from ...processing import operator_limits


class Command(BaseCommand):
    help = "Run a file through the creative-work upload pipeline and print the verdict as one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to check")
        parser.add_argument("--kind", required=True, choices=media.KINDS, help="the kind of work file it claims to be")
        parser.add_argument("--name", default=None, help="the file name the learner's browser sent (default: PATH's)")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        with translation.override("en"):
            verdict = media.check_file(path, options["kind"], options["name"] or path.name, operator_limits())
        self.stdout.write(json.dumps(verdict, ensure_ascii=False))
