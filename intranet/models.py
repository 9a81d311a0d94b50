"""The home page: a Wagtail page that greets the employee and gathers the apps' panels."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index as wagtail_index

from intranet.home_panels import panels_for


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True,
                          help_text=_("A few words shown under the greeting."))

    template = "intranet/home_page.html"
    search_fields = [*Page.search_fields, wagtail_index.SearchField("intro")]
    content_panels = [*Page.content_panels, "intro"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        panels = panels_for(request)
        context["main_panels"] = [p for p in panels if p.region == "main"]
        context["side_panels"] = [p for p in panels if p.region == "side"]
        return context
