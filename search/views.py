"""The search page and the expert finder."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intranet.core.errors import DomainError
from search import selectors
from search.params import encode_cursor, search_request
from search.registry import indexes


def search_page(request: HttpRequest) -> HttpResponse:
    context = {"q": request.GET.get("q", ""), "type": request.GET.get("type", ""),
               "kinds": sorted(indexes())}
    try:
        found = selectors.search(request.user, search_request(request.GET))
    except DomainError as error:
        return render(request, "search/results.html", {**context, "error": error.message},
                      status=error.status)
    next_query = None
    if found.next_offset is not None:
        params = request.GET.copy()
        params["cursor"] = encode_cursor(found.next_offset)
        next_query = params.urlencode()
    return render(request, "search/results.html", {**context, "found": found,
                                                   "next_query": next_query})


def experts_page(request: HttpRequest) -> HttpResponse:
    skill = request.GET.get("skill", "").strip()
    try:
        people = selectors.experts(request.user, skill) if skill else []
        error = None
    except DomainError as refusal:
        people, error = [], refusal.message
    return render(request, "search/experts.html", {"skill": skill, "people": people,
                                                   "error": error})
