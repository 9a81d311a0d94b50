"""Fields every kind of document shares: who may see it, and what facets it offers."""

from elasticsearch.dsl import Date, Document, Keyword


class SearchDocument(Document):
    """The common part; each kind adds its text fields (see search_indexes.py)."""

    kind = Keyword()
    audience = Keyword()
    url = Keyword(index=False)
    group = Keyword()
    department = Keyword()
    author = Keyword()
    created_at = Date()
