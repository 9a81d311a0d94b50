"""The indexing outbox, the entries and vocabulary of the database engine, and what the
people who look after search tune: synonyms, promotions, queries that found nothing."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_SYNONYMS = 20
MAX_PHRASE = 4


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
        indexes = [
            models.Index(fields=["kind", "created_at"], name="search_entry_kind_idx"),
            # What a search counts and filters by, read from the index rather than from
            # rows that hold whole documents.
            models.Index(fields=["id", "kind", "object_id", "group", "department", "author",
                                 "created_at"], name="search_entry_facets"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchEntryKey(models.Model):
    """An audience key of an entry: readers must hold one."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "key"],
                                               name="search_one_entry_key")]
        # The entries an asker may read, from the index alone.
        indexes = [models.Index(fields=["key", "entry"], name="search_entry_key_readers")]

    def __str__(self) -> str:
        return self.key


class SearchTerm(models.Model):
    """A folded word of the indexed text, and how many documents hold it: the vocabulary
    typos are corrected against and rare words are weighed by."""

    term = models.CharField(max_length=100, unique=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.documents})"


class SynonymSet(models.Model):
    """Words that mean the same at this company, in one language or across French and
    English: a search for one also finds the others. Applied when searching, so a change
    needs no reindex; these come on top of the built-in list (intranet/search/thesaurus.txt)."""

    terms = models.TextField(
        _("terms"), help_text=_("Separated by commas, for example: salarié, employé, "
                                "collaborateur, employee. A term may have several words."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from intranet.search.words import words

        terms = self.term_list()
        if len({tuple(words(term)) for term in terms if words(term)}) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
        if len(terms) > MAX_SYNONYMS or any(len(words(term)) > MAX_PHRASE for term in terms):
            raise ValidationError({"terms": _(
                "At most %(terms)s terms of %(words)s words each.") % {
                    "terms": MAX_SYNONYMS, "words": MAX_PHRASE}})
        self.terms = ", ".join(terms)


class PromotionAction(models.TextChoices):
    PIN = "pin", _("Pin at the top")
    HIDE = "hide", _("Hide")


class SearchPromotion(models.Model):
    """A result pinned at the top of a query's results, or hidden from them, by the people
    who look after search. A pinned result is still shown only to those who may read it."""

    query = models.CharField(_("query"), max_length=200)
    query_key = models.CharField(max_length=200, db_index=True,
                                 help_text="The query's folded words, as compared.")
    kind = models.CharField(_("type"), max_length=32)
    object_id = models.BigIntegerField()
    action = models.CharField(_("action"), max_length=8, choices=PromotionAction.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search promotion")
        verbose_name_plural = _("search promotions")
        ordering = ["query_key", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["query_key", "kind", "object_id"],
                                               name="search_one_promotion")]
        # One permission for everything that tunes search: synonyms, promotions and the
        # queries that found nothing (Communications and Community managers hold it).
        permissions = [("tune_search", "Can tune search")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.kind} {self.object_id} for {self.query!r}"


class UnansweredQuery(models.Model):
    """A query that found nothing, counted (never who asked), so that synonyms can be
    added for what people look for in other words."""

    query_key = models.CharField(max_length=200, unique=True)
    query = models.CharField(_("query"), max_length=200)
    times = models.PositiveIntegerField(_("times asked"), default=1)
    last_asked_at = models.DateTimeField(_("last asked"), default=timezone.now)

    class Meta:
        verbose_name = _("query that found nothing")
        verbose_name_plural = _("queries that found nothing")
        ordering = ["-times", "-last_asked_at"]

    def __str__(self) -> str:
        return self.query
