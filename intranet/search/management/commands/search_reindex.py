"""`manage.py search_reindex`: rebuild every index and switch to it with no downtime."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from intranet.search.engines import engine
from intranet.search.indexing import documents_of
from intranet.search.registry import indexes


class Command(BaseCommand):
    help = "Build fresh search indexes from the database and switch to them at once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--type", action="append", dest="kinds", choices=sorted(indexes()),
                            help="Only this type (repeatable).")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options) -> None:
        selected = options["kinds"] or sorted(indexes())
        for kind in selected:
            index = indexes()[kind]
            documents = tqdm(documents_of(index), total=index.queryset().count(), unit="rows",
                             desc=kind, disable=options["no_progress"] or None)
            count = engine().rebuild(index, documents)
            self.stdout.write(f"{kind}: {count} documents")
