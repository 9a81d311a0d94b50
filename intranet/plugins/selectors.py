"""Reads of brand items for a person: highlights, the curation queue, images."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from intranet.feeds.models import Post
from intranet.feeds.selectors import can_read_post, readable_posts
from intranet.groups.selectors import visible_groups
from intranet.plugins.models import (
    CURATE,
    MANAGE_SOURCES,
    BrandItem,
    BrandItemImage,
    ItemState,
    Source,
)

SHOWN = (ItemState.APPROVED, ItemState.FEATURED)


def highlights(user: AbstractBaseUser) -> QuerySet[BrandItem]:
    """Approved and featured items whose post the person may read, featured first."""
    return (BrandItem.objects.filter(state__in=SHOWN, post__in=readable_posts(user))
            .select_related("source", "post").prefetch_related("images")
            .annotate(featured=Case(When(state=ItemState.FEATURED, then=Value(0)),
                                    default=Value(1), output_field=IntegerField()))
            .order_by("featured", "-post__published_at", "-pk"))


def featured_highlights(user: AbstractBaseUser) -> QuerySet[BrandItem]:
    """The featured items the person may read: the home page's highlights band."""
    return highlights(user).filter(state=ItemState.FEATURED)


def can_read_item(user: AbstractBaseUser, item: BrandItem) -> bool:
    """Whether `user` may read a brand item as a highlight (curators manage the queue,
    which is not reading)."""
    return item.state in SHOWN and item.post is not None and can_read_post(user, item.post)


def curation_queue(user: AbstractBaseUser, *, state: str | None = None,
                   source: int | None = None) -> QuerySet[BrandItem]:
    """The items a curator decides on: those of every source except one publishing in a
    group they may not know exists (as for `sources_for`)."""
    if not user.has_perm(CURATE):
        return BrandItem.objects.none()
    items = (BrandItem.objects.filter(Q(source__group__isnull=True)
                                      | Q(source__group__in=visible_groups(user)))
             .select_related("source", "decided_by").prefetch_related("images"))
    if state:
        items = items.filter(state=state)
    if source:
        items = items.filter(source_id=source)
    return items.order_by("-fetched_at", "-pk")


def queue_counts(user: AbstractBaseUser, *, source: int | None = None) -> dict[str, int]:
    """How many items of the queue are in each state, for the desk's filters."""
    items = curation_queue(user, source=source).order_by()
    found = dict(items.values_list("state").annotate(count=Count("pk")))
    return {state: found.get(state, 0) for state in ItemState.values}


def sources_for(user: AbstractBaseUser) -> QuerySet[Source]:
    """The sources a Communications person manages: all, except those publishing in a
    group they may not know exists."""
    if not user.has_perm(MANAGE_SOURCES):
        return Source.objects.none()
    return (Source.objects.filter(Q(group__isnull=True) | Q(group__in=visible_groups(user)))
            .select_related("account", "group").annotate(last_item_at=Max("items__fetched_at"))
            .order_by("name"))


def can_read_item_image(user: AbstractBaseUser, name: str) -> bool:
    """Curators see every item's images; others those of highlights they may read."""
    image = BrandItemImage.objects.filter(image=name).select_related("item__post").first()
    if image is None:
        return False
    return user.has_perm(CURATE) or can_read_item(user, image.item)


def highlight_posts(user: AbstractBaseUser) -> QuerySet[Post]:
    """The posts that approved and featured items became, as the person may read them."""
    return readable_posts(user).filter(brand_item__state__in=SHOWN)
