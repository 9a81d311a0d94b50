"""Wagtail pages in search: live pages, for the audience the page policy gives as keys
(`intranet.core.pages.page_read_keys`): Wagtail's view restrictions, and the audience
a page type declares with `search_audience()` (announcements); everyone otherwise.
"""

from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index as wagtail_index

from intranet.core.pages import page_read_keys
from intranet.search.analysis import multilingual_text, name_text
from intranet.search.documents import SearchDocument
from intranet.search.registry import SearchIndex, register


class PageDocument(SearchDocument):
    title = name_text()
    content = multilingual_text()


def _pages_under(page_id: int) -> list[int]:
    """A page and its descendants (none when the page is being deleted with them)."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return list(Page.objects.filter(path__startswith=path).values_list("pk", flat=True)
                ) if path else []


class PageIndex(SearchIndex):
    kind = "page"
    model = Page
    document = PageDocument
    text_fields = ("content",)
    # A view restriction added, changed or removed changes who reads the page and those
    # under it.
    related = {PageViewRestriction: lambda restriction: _pages_under(restriction.page_id)}

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
        audience = page_read_keys(page)
        if not audience:
            return None
        return {
            "kind": self.kind, "title": page.title, "content": " ".join(filter(None, texts)),
            "audience": audience,
            "url": page.url or "/",
            "created_at": (page.last_published_at or page.first_published_at).isoformat()
            if (page.last_published_at or page.first_published_at) else None,
        }


register(PageIndex())
