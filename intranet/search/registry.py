"""The kinds of content search knows, each declared in its app's `search_indexes.py`.

A kind says how to turn a row into a document (and its audience keys), which rows to
index, and which other models' changes make a row's document stale. Search finds these
modules at start-up, the way Django's admin finds `admin.py`.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules
from elasticsearch.dsl import Document


class SearchIndex:
    """What search needs to know about one kind of content."""

    kind: str
    model: type[models.Model]
    document: type[Document]
    title_field: str = "title"
    text_fields: tuple[str, ...] = ()
    # Changes to these models make some rows of `model` stale: model -> their ids.
    related: dict[type[models.Model], Callable[[Any], Iterable[int]]] = {}

    def queryset(self) -> models.QuerySet:
        """Every row that may be indexed (reindexing walks these)."""
        return self.model._default_manager.all()

    def document_for(self, obj: models.Model) -> dict | None:
        """The document of `obj`, or None when it must not be in the index."""
        raise NotImplementedError

    def url(self, obj_id: int, document: dict) -> str:
        raise NotImplementedError


_indexes: dict[str, SearchIndex] = {}


def register(index: SearchIndex) -> SearchIndex:
    _indexes[index.kind] = index
    return index


def indexes() -> dict[str, SearchIndex]:
    return dict(_indexes)


def index_for_model(model: type[models.Model]) -> list[SearchIndex]:
    return [index for index in _indexes.values() if issubclass(model, index.model)]


def autodiscover() -> None:
    autodiscover_modules("search_indexes")
