"""`manage.py seed_demo`: fill the intranet with a believable company to try it out.

Each app adds its part through the `seed_demo` hook (in its wagtail_hooks.py), in hook
order; every part is idempotent, so running this again changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail import hooks


class Command(BaseCommand):
    help = "Create demo data (people, and each app's content); safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", default=None,
                            help="Password of every demo account (default: DEMO_PASSWORD).")

    def handle(self, *args, **options) -> None:
        password = options["password"] or settings.DEMO_PASSWORD
        for seed in hooks.get_hooks("seed_demo"):
            seed(password=password, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"Demo ready. Sign in as 'admin' (superuser) or any employee, e.g. 'ceo', "
            f"with the password '{password}'."))
