"""The home page: a Wagtail page that greets the employee and gathers the apps' panels."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index as wagtail_index
from wagtail.url_routing import RouteResult


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True,
                          help_text=_("A few words shown under the greeting."))

    template = "intranet/home_page.html"
    search_fields = [*Page.search_fields, wagtail_index.SearchField("intro")]
    content_panels = [*Page.content_panels, "intro"]
    max_count_per_parent = 1
    # A home page is the root of a language's tree; what HR adds under it is news.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["intranet_announcements.AnnouncementPage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Wagtail routes each person in the home of their language. An address from
        another language's tree (a link someone shared) still opens: in the reader's
        language when that page has a live version in it, otherwise as it is."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
        for home in self.get_translations().live().specific():
            try:
                found = Page.route(home, request, path_components)
            except Http404:
                continue
            page = found[0].localized.specific
            return RouteResult(page, args=found[1], kwargs=found[2])
        raise Http404
