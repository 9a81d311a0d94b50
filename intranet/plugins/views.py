"""The brand highlights page, one highlight's card, and the public redirect of shared
links."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from intranet.plugins import selectors
from intranet.plugins.services.curation import item_click
from intranet.plugins.sharing import item_for_token, tracked_url

PER_PAGE = 24


def highlights(request: HttpRequest) -> HttpResponse:
    """Every highlight the person may read, featured first, as the band shows them."""
    page = Paginator(selectors.highlights(request.user), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "plugins/highlights.html", {"page_obj": page, "items": page})


def highlight_card(request: HttpRequest, item_id: int) -> HttpResponse:
    """One highlight as the band lists it, for the band's live updates and share counts:
    the same template, through the same read policy. `?featured=1` asks for it only while
    it is featured (the home page's band holds nothing else)."""
    found = selectors.featured_highlights(request.user) if request.GET.get("featured") \
        else selectors.highlights(request.user)
    item = found.filter(pk=item_id).first()
    if item is None:
        raise Http404
    return render(request, "plugins/_highlight.html", {"item": item})


@never_cache
@require_GET
def go(request: HttpRequest, token: str) -> HttpResponse:
    """Where a shared link leads: counted, then on to the public original with the
    tracking parameters. Open to anyone, since it reveals only that public address; a
    bad token and an item no longer shown are both simply absent."""
    item = item_for_token(token)
    if item is None:
        raise Http404
    item_click(item=item)
    response = HttpResponseRedirect(tracked_url(item))
    response["Referrer-Policy"] = "no-referrer"
    return response
