"""The search page (with pinning and hiding a result, for who may tune search) and the
expert finder."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.core.errors import DomainError, Invalid
from intranet.search import selectors
from intranet.search.facets import facet_panels, names
from intranet.search.params import encode_cursor, search_request
from intranet.search.registry import indexes
from intranet.search.services import TUNE_SEARCH, promotion_set, unanswered_record


def search_page(request: HttpRequest) -> HttpResponse:
    context = {"q": request.GET.get("q", ""), "type": request.GET.get("type", ""),
               "kinds": sorted(indexes()), "may_tune": request.user.has_perm(TUNE_SEARCH)}
    try:
        found = selectors.search(request.user, search_request(request.GET))
    except DomainError as error:
        return render(request, "search/results.html", {**context, "error": error.message},
                      status=error.status)
    if not found.total and "cursor" not in request.GET:
        unanswered_record(context["q"])
    next_query = None
    if found.next_offset is not None:
        params = request.GET.copy()
        params["cursor"] = encode_cursor(found.next_offset)
        next_query = params.urlencode()
    authors, groups = names(request.user,
                            [*found.facets.get("author", {}), *(h.author for h in found.hits)],
                            [*found.facets.get("group", {}), *(h.group for h in found.hits)])
    return render(request, "search/results.html", {
        **context, "found": found, "next_query": next_query,
        "facets": facet_panels(found.facets, request.GET, authors, groups),
        "hits": [{"hit": hit, "author": authors.get(hit.author, ""),
                  "group": groups.get(hit.group, "")} for hit in found.hits]})


@require_POST
def promote(request: HttpRequest) -> HttpResponse:
    """Pin a result at the top of a query's results, or hide it from them."""
    q = request.POST.get("q", "")
    try:
        object_id = request.POST.get("id", "")
        if not object_id.isdigit() or len(object_id) > 18:
            raise Invalid(_("No such result."), fields={"id": [_("Not a result.")]})
        promotion_set(actor=request.user, query=q, kind=request.POST.get("type", ""),
                      object_id=int(object_id), action=request.POST.get("action", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done: the results of this query have changed."))
    return redirect(f"{reverse('search:results')}?{urlencode({'q': q})}")


def experts_page(request: HttpRequest) -> HttpResponse:
    skill = request.GET.get("skill", "").strip()
    try:
        people = selectors.experts(request.user, skill) if skill else []
        error = None
    except DomainError as refusal:
        people, error = [], refusal.message
    return render(request, "search/experts.html", {"skill": skill, "people": people,
                                                   "error": error})
