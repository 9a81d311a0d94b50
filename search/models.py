"""The indexing outbox, and the entries and vocabulary of the database search engine."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexOutbox(models.Model):
    """A row whose document must be (re)written or removed, committed with its change.

    Background work drains it in bulk; while the engine is down rows wait, with back-off,
    and nothing written to the intranet is lost.
    """

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now,
                                      help_text="Bumped by each new change of the object.")
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("index outbox entry")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"],
                                               name="search_one_outbox_row")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SearchEntry(models.Model):
    """One document, for the database engine (the embedded default)."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    title_folded = models.CharField(max_length=320, help_text="' ' + folded title, for prefixes.")
    folded = models.TextField(help_text="Accent-folded, lower-case words of the fields other "
                                        "than the title, for matching.")
    fields = models.JSONField(default=dict, help_text="Searchable text by field, for snippets.")
    group = models.CharField(max_length=140, blank=True)
    department = models.CharField(max_length=150, blank=True)
    author = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    url = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"],
                                               name="search_one_entry")]
        indexes = [models.Index(fields=["kind", "created_at"], name="search_entry_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchEntryKey(models.Model):
    """An audience key of an entry: readers must hold one."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "key"],
                                               name="search_one_entry_key")]

    def __str__(self) -> str:
        return self.key


class SearchTerm(models.Model):
    """A folded word of the indexed text, and how many documents hold it: the vocabulary
    typos are corrected against and rare words are weighed by."""

    term = models.CharField(max_length=100, unique=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.documents})"
