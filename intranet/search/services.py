"""Writes of search: pinning or hiding a result for a query, and counting the queries
that found nothing."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.search.models import PromotionAction, SearchPromotion, UnansweredQuery
from intranet.search.params import MAX_QUERY, clean_query
from intranet.search.registry import indexes
from intranet.search.selectors import readable_results
from intranet.search.words import query_key

TUNE_SEARCH = "intranet_search.tune_search"


def promotion_set(*, actor: AbstractBaseUser, query: str, kind: str, object_id: int,
                  action: str) -> SearchPromotion:
    """Pin `kind`/`object_id` at the top of `query`'s results, or hide it from them."""
    if not actor.has_perm(TUNE_SEARCH):
        raise Forbidden(_("Only the people who look after search may promote results."))
    query = clean_query(query)
    key = query_key(query)
    if not key or len(query) > MAX_QUERY:
        raise Invalid(_("Give the query this result is for."), fields={"q": [_("Required.")]})
    if action not in PromotionAction.values:
        raise Invalid(_("Pin or hide."), fields={"action": list(PromotionAction.values)})
    if kind not in indexes():
        raise NotFound(_("No such result."))
    # What the actor cannot read answers as what does not exist.
    if not readable_results(actor, [(kind, object_id)]):
        raise NotFound(_("No such result."))
    with transaction.atomic():
        promotion, _created = SearchPromotion.objects.update_or_create(
            query_key=key, kind=kind, object_id=object_id,
            defaults={"query": query, "action": action, "created_by": actor,
                      "created_at": timezone.now()})
        audit(promotion, f"intranet.search.{action}", actor=actor,
              data={"query": query, "kind": kind, "id": object_id})
    return promotion


def promotion_remove(*, actor: AbstractBaseUser, promotion: SearchPromotion) -> None:
    if not actor.has_perm(TUNE_SEARCH):
        raise Forbidden(_("Only the people who look after search may promote results."))
    with transaction.atomic():
        audit(promotion, "intranet.search.unpromote", actor=actor,
              data={"query": promotion.query, "kind": promotion.kind,
                    "id": promotion.object_id})
        promotion.delete()


def unanswered_record(q: str) -> None:
    """Count a query that found nothing (never who asked it)."""
    q = clean_query(q)
    key = query_key(q)
    if not key:
        return
    updated = UnansweredQuery.objects.filter(query_key=key).update(
        times=F("times") + 1, last_asked_at=timezone.now(), query=q[:MAX_QUERY])
    if not updated:
        UnansweredQuery.objects.get_or_create(query_key=key,
                                              defaults={"query": q[:MAX_QUERY]})
