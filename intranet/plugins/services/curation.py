"""Curation: approve, feature or reject brand items. An approved item becomes a post of
its source's official account, published under the curator's authority (or the rule's),
linked to the item, so reactions, comments, search, targeting and live delivery work as
for any post; a featured one is also shown in the highlights band, not pinned: pinned
posts are for what people must not miss, and brand news would pile up above them."""

import re
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.core.events import publish_event
from intranet.feeds.services.official import (
    official_post_create,
    official_post_edit,
    official_post_remove,
)
from intranet.plugins.models import (
    CURATE,
    BrandClick,
    BrandItem,
    BrandShare,
    ItemState,
    ShareChannel,
)
from intranet.plugins.presenters import item_data
from intranet.plugins.selectors import can_read_item
from intranet.plugins.titles import repeats_text

DECISIONS = {"approve": ItemState.APPROVED, "feature": ItemState.FEATURED,
             "reject": ItemState.REJECTED}
EXCERPT = 600
MAX_CAPTION = 2000
_MARKDOWN = re.compile(r"([\\`*_\[\]<>@~|!])")


def _plain(text: str) -> str:
    """Outside text inside a Markdown post: no formatting, no @mention of colleagues;
    #hashtags stay and become topics."""
    return _MARKDOWN.sub(r"\\\1", text)


def post_body(item: BrandItem) -> str:
    excerpt = item.text
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[:EXCERPT].rsplit(" ", 1)[0] + " …"
    title = item.title if item.title and not repeats_text(item.title, item.text) else ""
    parts = [item.caption.strip(), f"**{_plain(title)}**" if title else "",
             _plain(excerpt) if excerpt != item.title else "", item.url]
    return "\n\n".join(part for part in parts if part)


def _images(item: BrandItem) -> list[ContentFile]:
    files = []
    for image in item.images.all():
        with image.image.open("rb") as stored:
            files.append(ContentFile(stored.read(), name=image.image.name.rsplit("/", 1)[-1]))
    return files


def _highlight(item: BrandItem, type: str = "brand.highlighted") -> None:
    data = {"item": item_data(item) if type == "brand.highlighted" else {"id": item.pk}}
    publish_event(stream=f"group:{item.post.group_id}" if item.post.group_id else "company",
                  type=type, data=data, audience=[item.post.audience_key])


def publish_if_approved(item: BrandItem) -> BrandItem:
    """Publish an approved or featured item that has no post yet."""
    with transaction.atomic():
        item = (BrandItem.objects.select_for_update(of=("self",)).select_related("source")
                .get(pk=item.pk))
        if item.state not in (ItemState.APPROVED, ItemState.FEATURED) or item.post_id:
            return item
        source = item.source
        item.post = official_post_create(
            author=source.account, body=post_body(item), group=source.group,
            images=_images(item), authorised_by=item.decided_by)
        item.save(update_fields=["post"])
        _highlight(item)
    return item


def _check_curator(actor: AbstractBaseUser) -> None:
    if not actor.has_perm(CURATE):
        raise Forbidden(_("Only Communications curates brand items."))


def item_decide(*, actor: AbstractBaseUser, item: BrandItem, decision: str) -> BrandItem:
    """Approve, feature or reject; deciding again changes the published post to match."""
    _check_curator(actor)
    if decision not in DECISIONS:
        raise Invalid(_("Decide approve, feature or reject."),
                      fields={"decision": [_("Not a decision.")]})
    state = DECISIONS[decision]
    with transaction.atomic():
        item = (BrandItem.objects.select_for_update(of=("self",))
                .select_related("source", "post").get(pk=item.pk))
        if item.state == state:
            return item
        item.state, item.decided_by, item.decided_at = state, actor, timezone.now()
        item.save(update_fields=["state", "decided_by", "decided_at"])
        audit(item, f"intranet.brand.{decision}", actor=actor)
        post = item.post
        if state == ItemState.REJECTED:
            if post is not None:
                official_post_remove(post=post, authorised_by=actor)
                _highlight(item, "brand.withdrawn")
            return item
        if post is not None and post.deleted_at is None:
            _highlight(item)
            return item
        if post is not None:
            item.post = None
            item.save(update_fields=["post"])
    return publish_if_approved(item)


def items_decide(*, actor: AbstractBaseUser, items: Iterable[BrandItem],
                 decision: str) -> list[BrandItem]:
    return [item_decide(actor=actor, item=item, decision=decision) for item in items]


def item_set_caption(*, actor: AbstractBaseUser, item: BrandItem, caption: str) -> BrandItem:
    """The internal caption shown above the item; a published post follows it."""
    _check_curator(actor)
    caption = str(caption or "").strip()
    if len(caption) > MAX_CAPTION:
        raise Invalid(_("A caption has at most %(max)s characters.") % {"max": MAX_CAPTION},
                      fields={"caption": [_("Too long.")]})
    with transaction.atomic():
        item.caption = caption
        item.save(update_fields=["caption"])
        if item.post_id:
            official_post_edit(post=item.post, body=post_body(item), authorised_by=actor)
        audit(item, "intranet.brand.caption", actor=actor)
    return item


def item_share(*, actor: AbstractBaseUser, item: BrandItem,
               channel: str = ShareChannel.OTHER) -> int:
    """Count one sharing of the original link outward, by someone who may read it: a
    dated row without the person (for the daily figures) and the item's running total."""
    if not can_read_item(actor, item):
        raise NotFound(_("No such brand item."))
    if channel not in ShareChannel.values:
        raise Invalid(_("Unknown way of sharing."), fields={"channel": [
            _("One of: %(channels)s.") % {"channels": ", ".join(ShareChannel.values)}]})
    with transaction.atomic():
        BrandShare.objects.create(item=item, channel=channel)
        BrandItem.objects.filter(pk=item.pk).update(share_count=F("share_count") + 1)
    item.refresh_from_db(fields=["share_count"])
    return item.share_count


def item_click(*, item: BrandItem) -> None:
    """Count one visit that came back through a shared link (anyone may follow one)."""
    BrandClick.objects.create(item=item)
