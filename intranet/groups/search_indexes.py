"""Groups in search: listed groups for everyone, secret groups for their members."""

from django.urls import reverse

from intranet.groups.models import InterestGroup, Visibility
from intranet.search.analysis import multilingual_text, name_text
from intranet.search.documents import SearchDocument
from intranet.search.registry import SearchIndex, register


class GroupDocument(SearchDocument):
    title = name_text()
    description = multilingual_text()


class GroupIndex(SearchIndex):
    kind = "group"
    model = InterestGroup
    document = GroupDocument
    text_fields = ("description",)

    def document_for(self, group: InterestGroup) -> dict | None:
        secret = group.visibility == Visibility.SECRET
        return {
            "kind": self.kind, "title": group.name, "description": group.description,
            "audience": [f"member:{group.pk}"] if secret else ["company"],
            "url": reverse("groups:detail", args=[group.slug]), "group": group.slug,
            "created_at": group.created_at.isoformat(),
        }


register(GroupIndex())
