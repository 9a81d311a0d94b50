"""`manage.py import_employees FILE.csv`: create and update employees from HR's export."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from intranet.people.importer import MalformedFile, import_employees

# Exit codes, as docs/hr-import.md lists them.
MALFORMED = 1
SOME_ROWS_REJECTED = 2


class Command(BaseCommand):
    help = ("Create or update employees from the HR system's CSV export, by employee id. "
            "See docs/hr-import.md for the columns.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8, comma or semicolon).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Report what the import would do and change nothing.")
        parser.add_argument("--no-progress", action="store_true",
                            help="No progress bar (it only shows on a terminal anyway).")

    def handle(self, *args, file: Path, dry_run: bool, no_progress: bool, **options) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.",
                               returncode=MALFORMED) from None

        def progress(rows):
            return tqdm(rows, desc="Importing", unit="row", file=sys.stderr,
                        disable=True if no_progress else None)  # None: only on a terminal

        try:
            report = import_employees(actor=None, data=data, dry_run=dry_run,
                                      progress=progress)
        except MalformedFile as error:
            raise CommandError(error.message, returncode=MALFORMED) from None
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        self.stdout.write(f"Created {report.created}, updated {report.updated}, unchanged "
                          f"{report.unchanged}, rejected {len(report.rejected)}.")
        for rejection in report.rejected:
            self.stdout.write(f"  {rejection}")
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} row(s) rejected; the others were "
                               f"{'checked' if dry_run else 'imported'}.",
                               returncode=SOME_ROWS_REJECTED)
