"""Brand highlights in search (type "brand"), readable by the audience of their post."""

from django.urls import reverse
from elasticsearch.dsl import Keyword

from intranet.feeds.models import Post
from intranet.plugins.models import BrandItem, ItemState, Source
from intranet.search.analysis import multilingual_text
from intranet.search.documents import SearchDocument
from intranet.search.registry import SearchIndex, register


class BrandDocument(SearchDocument):
    title = multilingual_text()
    body = multilingual_text()
    caption = multilingual_text()
    source = Keyword()


class BrandIndex(SearchIndex):
    kind = "brand"
    model = BrandItem
    document = BrandDocument
    text_fields = ("body", "caption")
    related = {
        Post: lambda post: list(BrandItem.objects.filter(post=post).values_list("pk",
                                                                                 flat=True)),
        Source: lambda source: list(source.items.values_list("pk", flat=True)),
    }

    def queryset(self):
        return BrandItem.objects.select_related("source", "post__group")

    def document_for(self, item: BrandItem) -> dict | None:
        post = item.post
        if item.state not in (ItemState.APPROVED, ItemState.FEATURED) or post is None \
                or post.deleted_at is not None or post.published_at is None:
            return None
        return {
            "kind": self.kind, "audience": [post.audience_key],
            "title": item.title or item.text[:120], "body": item.text,
            "caption": item.caption, "source": item.source.name,
            "url": reverse("feeds:post", args=[post.pk]),
            "group": post.group.slug if post.group_id else "",
            "created_at": (item.published_at or post.published_at).isoformat(),
        }


register(BrandIndex())
