"""`manage.py search_check`: compare the index with the database."""

from django.core.management.base import BaseCommand, CommandError

from intranet.search.engines import engine
from intranet.search.indexing import documents_of
from intranet.search.registry import indexes


class Command(BaseCommand):
    help = "Report documents missing from the index, or in it but no longer in the database."

    def handle(self, *args, **options) -> None:
        problems = 0
        for kind, index in sorted(indexes().items()):
            expected = {object_id for object_id, _document in documents_of(index)}
            held = engine().ids(index)
            missing, extra = sorted(expected - held), sorted(held - expected)
            problems += len(missing) + len(extra)
            self.stdout.write(f"{kind}: {len(expected)} expected, {len(held)} indexed, "
                              f"{len(missing)} missing, {len(extra)} extra")
            for label, ids in (("missing", missing), ("extra", extra)):
                if ids:
                    self.stdout.write(f"  {label}: {', '.join(map(str, ids[:50]))}"
                                      + (" …" if len(ids) > 50 else ""))
        if problems:
            raise CommandError(f"{problems} difference(s): run `manage.py search_reindex`.")
        self.stdout.write(self.style.SUCCESS("The index matches the database."))
