"""Wagtail pages in search: live pages, readable by the audience their type declares.

A page type may define `search_audience()` (announcements name their departments and
groups); without it a page is for everyone.
"""

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index as wagtail_index

from search.analysis import multilingual_text, name_text
from search.documents import SearchDocument
from search.registry import SearchIndex, register


class PageDocument(SearchDocument):
    title = name_text()
    content = multilingual_text()


class PageIndex(SearchIndex):
    kind = "page"
    model = Page
    document = PageDocument
    text_fields = ("content",)

    def queryset(self):
        return Page.objects.filter(depth__gt=1)

    def document_for(self, page: Page) -> dict | None:
        if not page.live or page.depth <= 1:
            return None
        specific = page.specific
        texts = [strip_tags(str(getattr(specific, field.field_name, "") or ""))
                 for field in specific.search_fields
                 if isinstance(field, wagtail_index.SearchField)
                 and field.field_name != "title"]
        audience = getattr(specific, "search_audience", None)
        return {
            "kind": self.kind, "title": page.title, "content": " ".join(filter(None, texts)),
            "audience": list(audience()) if audience else ["company"],
            "url": page.url or "/",
            "created_at": (page.last_published_at or page.first_published_at).isoformat()
            if (page.last_published_at or page.first_published_at) else None,
        }


register(PageIndex())
