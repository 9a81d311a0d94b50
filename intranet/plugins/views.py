"""The brand highlights page: the posts curated from the company's public channels."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from intranet.feeds.selectors import pinned_posts
from intranet.feeds.views import feed_context
from intranet.plugins import selectors


def highlights(request: HttpRequest) -> HttpResponse:
    posts = selectors.highlight_posts(request.user)
    return render(request, "plugins/highlights.html",
                  feed_context(request, posts, pinned=pinned_posts(request.user, posts)))


def highlight_card(request: HttpRequest, item_id: int) -> HttpResponse:
    """One highlight as the home panel lists it, for the panel's live updates and share
    counts: the same template, through the same read policy."""
    item = selectors.highlights(request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return render(request, "plugins/_highlight.html", {"item": item})
