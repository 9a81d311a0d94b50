"""The database's own full-text search, behind the database engine: SQLite FTS5 with
BM25 on the embedded default, PostgreSQL's tsvector and `ts_rank_cd` otherwise.

Each dialect narrows a queryset of entries (already filtered on the asker's audience
keys and facets, so that it all stays one query) to those matching any significant word
of a plan, and ranks them: more of the words, rarer ones, in the title, close together.
"""

import math

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from intranet.search.models import SearchEntry, SearchEntryKey
from intranet.search.plan import Form, Plan
from intranet.search.words import stems

ENTRY = SearchEntry._meta.db_table
READER = SearchEntryKey._meta.db_table
NEAR = 12  # words apart that still count as close
SHORTLIST = 200  # matches ranked again in full on PostgreSQL: the best by a cheap rank
SYNONYM_WEIGHT = 0.05  # in the cheap rank, holding a synonym (ts_rank gives about 0.1)
FACETS = {"type": "kind", "group": "group", "department": "department", "author": "author"}
FACET_COLUMNS = {name: f'"{column}"' for name, column in FACETS.items()}


class SQLiteFullText:
    """An FTS5 table whose rowid is the entry's: its words and their French and English
    stems, title and body apart, so that BM25 weighs each."""

    table = "search_entry_fts"
    weights = "4.0, 2.0, 2.0, 1.0, 0.6, 0.6"  # title, its stems, body, its stems

    @staticmethod
    def _streams(text: str) -> tuple[str, str, str]:
        found = text.split()
        return (" ".join(found), " ".join(stems(word)[0] for word in found),
                " ".join(stems(word)[1] for word in found))

    def index(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, title, title_fr, title_en, body, body_fr, "
                "body_en) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(entry.pk, *self._streams(entry.title_folded), *self._streams(entry.folded))
                 for entry in entries])

    def remove(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {self.table} WHERE rowid = %s",
                               [(pk,) for pk in entry_ids])

    @staticmethod
    def _phrase(found: tuple[str, ...]) -> str:
        return '"' + " ".join(found) + '"'

    def expression(self, plan: Plan) -> str:
        """An FTS5 query: any form of any word, and the words near each other.

        A form is sought as typed in the words' columns (so that what was typed weighs
        more than a synonym) and by its French and English stems in theirs. The same
        tokens are sought once, in every column they are wanted in: FTS5 reads a token's
        documents and BM25 weighs it once for each time it is named.
        """
        columns: dict[tuple[str, ...], set[str]] = {}
        for term in plan.terms:
            for form in term.forms:
                if form.why != "synonym":
                    columns.setdefault(form.words, set()).update(("title", "body"))
                french, english = zip(*(stems(word) for word in form.words), strict=True)
                columns.setdefault(french, set()).update(("title_fr", "body_fr"))
                columns.setdefault(english, set()).update(("title_en", "body_en"))
        parts = [f"{{{' '.join(sorted(names))}}} : {self._phrase(found)}"
                 for found, names in columns.items()]
        if len(plan.terms) > 1:
            near = " ".join(self._phrase((term.word,)) for term in plan.terms)
            parts.append(f"{{title body}} : NEAR({near}, {NEAR})")
        return " OR ".join(parts)

    @staticmethod
    def readable(entries: QuerySet, keys: list[str]) -> QuerySet:
        """Entries holding any of `keys`, looked up for each match: SQLite would otherwise
        first gather every entry the asker may read, or probe once for each key."""
        if not keys:
            return entries.none()
        marks = ", ".join("%s" for _key in keys)
        return entries.filter(RawSQL(
            f"EXISTS (SELECT 1 FROM {READER} AS reader WHERE reader.entry_id = {ENTRY}.id "
            f"AND +reader.key IN ({marks}))", keys, output_field=BooleanField()))

    def match(self, entries: QuerySet, plan: Plan) -> QuerySet:
        return entries.extra(tables=[self.table], where=[
            f"{self.table}.rowid = {ENTRY}.id", f"{self.table} MATCH %s"],
            params=[self.expression(plan)])

    def rank(self, matched: QuerySet, plan: Plan) -> QuerySet:
        """BM25 is the final rank: there is nothing to rank again."""
        return matched.extra(select={"rank": f"-bm25({self.table}, {self.weights})"})

    def rerank(self, ranked: list[tuple[int, float]], plan: Plan) -> list[tuple[int, float]]:
        return ranked


class PostgresFullText:
    """The entry's generated `vector` (title weighted A, body B, in the intranet_fr and
    intranet_en configurations); each word is weighed by its rarity, since `ts_rank_cd`
    alone does not."""

    weights = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B (body), A (title)

    @staticmethod
    def readable(entries: QuerySet, keys: list[str]) -> QuerySet:
        """Entries holding any of `keys`, read as one set."""
        return entries.filter(pk__in=SearchEntryKey.objects.filter(key__in=keys)
                              .values("entry_id"))

    def index(self, entries: list[SearchEntry]) -> None:
        """The vector is a generated column: nothing to do."""

    def remove(self, entry_ids: list[int]) -> None:
        """The vector goes with its row."""

    @staticmethod
    def _form(form: Form) -> tuple[str, list[str]]:
        text = " ".join(form.words)
        return ("phraseto_tsquery('intranet_fr', %s) || phraseto_tsquery('intranet_en', %s)",
                [text, text])

    def _term(self, forms: list[Form]) -> tuple[str, list[str]]:
        parts = [self._form(form) for form in forms]
        return ("(" + " || ".join(sql for sql, _p in parts) + ")",
                [value for _sql, params in parts for value in params])

    def match(self, entries: QuerySet, plan: Plan) -> QuerySet:
        sql, params = self._term([form for term in plan.terms for form in term.forms])
        return entries.filter(RawSQL(f"vector @@ {sql}", params,
                                     output_field=BooleanField()))

    def rank(self, matched: QuerySet, plan: Plan) -> QuerySet:
        """A cheap rank of every match, to shortlist the best: the words as typed (or
        corrected) and whether a synonym is there. Ranking every match in full costs
        one `ts_rank_cd` per word and row, too much when a word is in most documents."""
        own = [form for term in plan.terms for form in term.forms if form.why != "synonym"]
        others = [form for term in plan.terms for form in term.forms if form.why == "synonym"]
        sql, params = self._term(own)
        cheap = f"ts_rank(%s::float4[], vector, {sql})"
        params = [self.weights, *params]
        if others:
            sql, values = self._term(others)
            cheap += f" + {SYNONYM_WEIGHT} * (vector @@ {sql})::int"
            params += values
        return matched.annotate(rank=RawSQL(cheap, params, output_field=FloatField()))

    def rerank(self, ranked: list[tuple[int, float]], plan: Plan) -> list[tuple[int, float]]:
        """The shortlist in full: each word by its rarity, in the title or the body, and
        all of them close together."""
        parts, params = [], []
        for term in plan.terms:
            rarity = math.log(1 + (plan.total - term.documents + 0.5) / (term.documents + 0.5))
            sql, values = self._term(term.forms)
            parts.append(f"{max(rarity, 0.01):.4f} * "
                         f"ts_rank_cd(%s::float4[], vector, {sql}, 1)")
            params += [self.weights, *values]
        if len(plan.terms) > 1:
            every = [self._term(term.forms) for term in plan.terms]
            parts.append("ts_rank_cd(vector, " + " && ".join(sql for sql, _p in every) + ", 1)")
            params += [value for _sql, values in every for value in values]
        scored = SearchEntry.objects.filter(pk__in=[pk for pk, _rank in ranked]).annotate(
            score=RawSQL(" + ".join(parts), params, output_field=FloatField()))
        return list(scored.order_by("-score", "-created_at", "-pk").values_list("pk", "score"))


def summary(ranked: QuerySet, depth: int
            ) -> tuple[int, dict[str, dict[str, int]], list[tuple[int, float]]]:
    """In one statement over the matched entries, so that the full-text match runs once:
    how many match, how many by type, group, department, author and month (UTC, as
    OpenSearch counts), and the `depth` best by their rank."""
    sql, params = ranked.values("id", *FACETS.values(), "created_at", "rank"
                                ).query.sql_with_params()
    if connection.vendor == "postgresql":
        month = "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')"
    else:
        month = "substr(created_at, 1, 7)"  # stored as UTC text
        # SQLite would otherwise read each matching row whole, documents and all.
        sql = sql.replace(f'FROM "{ENTRY}"', f'FROM "{ENTRY}" INDEXED BY search_entry_facets', 1)
    parts = [f"SELECT '{name}', {column}, count(*), CAST(NULL AS REAL) FROM m GROUP BY 2"
             for name, column in FACET_COLUMNS.items()] + [
        f"SELECT 'date', {month}, count(*), CAST(NULL AS REAL) FROM m GROUP BY 2",
        "SELECT 'total', NULL, count(*), CAST(NULL AS REAL) FROM m",
        f"SELECT 'best', NULL, * FROM (SELECT id, rank FROM m ORDER BY rank DESC, "
        f"created_at DESC, id DESC LIMIT {int(depth)}) AS best"]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    facets: dict[str, dict[str, int]] = {name: {} for name in (*FACETS, "date")}
    total, best = 0, []
    for name, value, n, rank in rows:
        if name == "best":
            best.append((n, rank))
        elif name == "total":
            total = n
        elif value:
            facets[name][value] = n
    return total, {name: dict(sorted(counts.items())) for name, counts in facets.items()}, best


def dialect() -> SQLiteFullText | PostgresFullText:
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
