"""Brand items as clients see them (API and live events)."""

from django.urls import reverse

from intranet.core.links import safe_link
from intranet.plugins.models import BrandItem


def item_data(item: BrandItem, *, for_curator: bool = False) -> dict:
    data = {
        "id": item.pk,
        "source": item.source_id,
        "source_name": item.source.name,
        "external_id": item.external_id,
        "url": safe_link(item.url),
        "title": item.title,
        "html": item.html,
        "text": item.text,
        "author": item.author,
        "caption": item.caption,
        "published_at": item.published_at,
        "state": item.state,
        "post": item.post_id,
        "post_url": reverse("feeds:post", args=[item.post_id]) if item.post_id else None,
        "images": [{"url": image.image.url, "width": image.width, "height": image.height}
                   for image in item.images.all()],
        "share_count": item.share_count,
        "share_url": reverse("api-brand-item-share", args=[item.pk]),
    }
    if for_curator:
        data.update({
            "reason": item.reason,
            "decided_by": item.decided_by.username if item.decided_by_id else None,
            "decided_at": item.decided_at,
            "is_reply": item.is_reply,
            "is_repost": item.is_repost,
            "fetched_at": item.fetched_at,
        })
    return data


def highlight_frames(user, frames: list[dict]) -> list[dict]:
    """Replayed highlights as they are now: an item rejected since, or whose post the
    reader may no longer read, comes back as `brand.withdrawn`, with nothing but its id."""
    from intranet.plugins.selectors import highlights

    ids = {frame["data"]["item"]["id"] for frame in frames}
    shown = {item.pk: item for item in highlights(user).filter(pk__in=ids)}
    current = []
    for frame in frames:
        item = shown.get(frame["data"]["item"]["id"])
        if item is None or frame["type"] == "brand.withdrawn":
            current.append({**frame, "type": "brand.withdrawn",
                            "data": {"item": {"id": frame["data"]["item"]["id"]}}})
        else:
            current.append({**frame, "data": {"item": item_data(item)}})
    return current
