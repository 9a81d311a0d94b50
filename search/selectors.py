"""Searching for the person asking: every query carries their audience keys."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _

from intranet.core.audience import audience_keys
from intranet.core.errors import Unavailable
from search.engines import engine
from search.engines.base import EngineUnavailable
from search.query import Hit, SearchRequest, SearchResults

EMPTY = SearchResults(hits=[], total=0, facets={}, next_offset=None)
POSTS_WEIGHT = 0.5


def _keys(user: AbstractBaseUser) -> frozenset[str]:
    return audience_keys(user) if user.is_authenticated else frozenset()


def _ask(call):
    try:
        return call()
    except EngineUnavailable:
        raise Unavailable(_("Search is unavailable for a moment: try again shortly."),
                          code="search_unavailable") from None


def search(user: AbstractBaseUser, request: SearchRequest) -> SearchResults:
    keys = _keys(user)
    if not keys or not request.q.strip():
        return EMPTY
    return _ask(lambda: engine().search(request, keys))


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
