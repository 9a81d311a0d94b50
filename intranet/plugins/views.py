"""The brand highlights page: the posts curated from the company's public channels."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intranet.feeds.selectors import pinned_posts
from intranet.feeds.views import feed_context
from intranet.plugins.selectors import highlight_posts


def highlights(request: HttpRequest) -> HttpResponse:
    posts = highlight_posts(request.user)
    return render(request, "plugins/highlights.html",
                  feed_context(request, posts, pinned=pinned_posts(request.user, posts)))
