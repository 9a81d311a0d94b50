from django.db import models
from wagtail.search import index


class BaselineDocument(index.Indexed, models.Model):
    """One intranet search document, indexed the way a Wagtail site indexes its pages:
    the title boosted, the other text fields searched, the title for autocomplete."""

    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    text = models.TextField()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.FilterField("kind"),
    ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
