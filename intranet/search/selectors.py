"""Searching for the person asking: every query carries their audience keys."""

from dataclasses import replace

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _

from intranet.core.audience import audience_keys
from intranet.core.errors import Unavailable
from intranet.search.engines import engine
from intranet.search.engines.base import EngineUnavailable
from intranet.search.models import PromotionAction, SearchPromotion
from intranet.search.plan import did_you_mean
from intranet.search.query import Hit, SearchRequest, SearchResults
from intranet.search.words import query_key

EMPTY = SearchResults(hits=[], total=0, facets={}, next_offset=None)
POSTS_WEIGHT = 0.5
FEW = 3  # results under which the query's corrected spelling is offered


def _keys(user: AbstractBaseUser) -> frozenset[str]:
    return audience_keys(user) if user.is_authenticated else frozenset()


def _ask(call):
    try:
        return call()
    except EngineUnavailable:
        raise Unavailable(_("Search is unavailable for a moment: try again shortly."),
                          code="search_unavailable") from None


def readable_results(user: AbstractBaseUser, wanted: list[tuple[str, int]]) -> list[Hit]:
    """The documents of `wanted` (kind, id) that `user` may read, as hits."""
    keys = _keys(user)
    return _ask(lambda: engine().fetch(wanted, keys)) if keys and wanted else []


def search(user: AbstractBaseUser, request: SearchRequest) -> SearchResults:
    """Results of `request` that `user` may read; the results pinned for the query come
    first (to those who may read them), those hidden for it not at all."""
    keys = _keys(user)
    if not keys or not request.q.strip():
        return EMPTY
    promotions = list(SearchPromotion.objects.filter(query_key=query_key(request.q))
                      .order_by("created_at").values_list("kind", "object_id", "action"))
    narrowed = any((request.group, request.author, request.department, request.since,
                    request.until))
    pinned = [] if narrowed else [(kind, object_id) for kind, object_id, action in promotions
                                  if action == PromotionAction.PIN and
                                  (not request.kinds or kind in request.kinds)]
    hidden = [(kind, object_id) for kind, object_id, action in promotions
              if action == PromotionAction.HIDE]
    request = replace(request, exclude=tuple(pinned + hidden))
    found = _ask(lambda: engine().search(request, keys))
    if pinned:
        top = [replace(hit, promoted=True) for hit in _ask(lambda: engine().fetch(pinned, keys))]
        found.total += len(top)
        if request.offset == 0:
            found.hits = top + found.hits
    if found.total < FEW:
        found.did_you_mean = did_you_mean(request.q, found.hits)
    return found


def suggest(user: AbstractBaseUser, q: str, size: int = 8) -> SearchResults:
    """People and groups whose names start with what is being typed."""
    keys = _keys(user)
    if not keys or not q.strip():
        return EMPTY
    return _ask(lambda: engine().suggest(q, keys, ["person", "group"], size))


def experts(user: AbstractBaseUser, skill: str, size: int = 20) -> list[tuple[Hit, int]]:
    """People who know about `skill`: by how well their profile matches, raised by how
    many of the posts the asker may read they wrote about it."""
    keys = _keys(user)
    if not keys or not skill.strip():
        return []
    people = _ask(lambda: engine().search(SearchRequest(q=skill, kinds=("person",), size=50),
                                          keys))
    posts = _ask(lambda: engine().search(SearchRequest(q=skill, kinds=("post",), size=1),
                                         keys))
    written = posts.facets.get("author", {})
    ranked = sorted(people.hits, key=lambda hit: hit.score * (1 + POSTS_WEIGHT * written.get(
        hit.author, 0)), reverse=True)
    return [(hit, written.get(hit.author, 0)) for hit in ranked[:size]]
