"""Ingest, once for every connector: deduplicate, sanitise, store, and let the curation
rules decide. An item without a title (a fediverse post) is titled by its first words.
Images are fetched afterwards, in background work."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from intranet.core.links import safe_link
from intranet.core.rules import Action, Rule, Subject, decide
from intranet.core.text import fold
from intranet.plugins.cleaning import clean_html
from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandItem, Choice, CurationRule, ItemState, Source
from intranet.plugins.titles import title_from_text

NEAR_DUPLICATE_WINDOW = timedelta(days=7)
STATES = {Action.APPROVE: ItemState.APPROVED, Action.REJECT: ItemState.REJECTED,
          Action.HOLD: ItemState.PENDING}


@dataclass
class Ingested:
    new: list[BrandItem]
    skipped: int


def _flag(choice: str) -> bool | None:
    return {Choice.YES: True, Choice.NO: False}.get(choice)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def rules_for(source: Source) -> list[Rule]:
    """The source's rules, then the rules for every source, each in its order."""
    rows = CurationRule.objects.filter(Q(source=source) | Q(source__isnull=True),
                                       enabled=True).order_by("source_id", "position", "pk")
    ordered = sorted(rows, key=lambda row: (row.source_id is None, row.position, row.pk))
    return [Rule(action=Action(row.action), words=_lines(row.words),
                 authors=_lines(row.authors), has_media=_flag(row.media),
                 is_reply=_flag(row.replies), is_repost=_flag(row.reposts),
                 daily_cap=row.daily_cap, near_duplicate=row.near_duplicate,
                 label=row.label) for row in ordered]


class SourceContext:
    """What the rules need to know about a source's earlier items; `seen` counts the
    items of the poll in hand, which are not saved yet."""

    def __init__(self, source: Source) -> None:
        now = timezone.localtime()
        self._today = BrandItem.objects.filter(
            source=source, fetched_at__gte=now.replace(hour=0, minute=0, second=0,
                                                       microsecond=0)).count()
        self._recent = [f"{title} {text}" for title, text in BrandItem.objects.filter(
            fetched_at__gte=now - NEAR_DUPLICATE_WINDOW).exclude(state=ItemState.REJECTED)
            .values_list("title", "text")[:500]]
        self.seen: list[str] = []

    def count_today(self) -> int:
        return self._today + len(self.seen)

    def recent_texts(self) -> Iterable[str]:
        return [*self._recent, *self.seen]


def _without_nul(value: Any) -> Any:
    """The JSON value without NUL characters, which some feeds carry and PostgreSQL
    refuses."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(str(key)): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _identity(item: Item, title: str, text: str) -> tuple[str, str]:
    """The item's id for deduplication (its own, else its link, else its content) and
    its content hash."""
    digest = hashlib.sha256(fold(f"{title}\n{text}").encode()).hexdigest()
    external_id = (item.external_id or item.url or f"sha256:{digest}").strip()[:500]
    return external_id, digest


def ingest(source: Source, items: Iterable[Item]) -> Ingested:
    """Store the items not seen before from this source; decide on each by the rules."""
    prepared = []
    for item in items:
        for name in ("external_id", "url", "title", "text", "html", "author"):
            value = getattr(item, name)
            if value:
                setattr(item, name, value.replace("\x00", ""))
        base = item.url or source.settings.get("url", "")
        cleaned = clean_html(item.html, base) if item.html else None
        text = " ".join((item.text or (cleaned.text if cleaned else "")).split())
        title = " ".join(item.title.split())[:300]
        external_id, digest = _identity(item, title, text)
        images = [*item.images, *(cleaned.images if cleaned else [])]
        prepared.append((external_id, digest, item, title, text,
                         cleaned.html if cleaned else "", list(dict.fromkeys(images))))
    known = set(BrandItem.objects.filter(
        source=source, external_id__in=[row[0] for row in prepared])
        .values_list("external_id", flat=True))
    rules, context = rules_for(source), SourceContext(source)
    new, skipped = [], 0
    with transaction.atomic():
        for external_id, digest, item, title, text, html, images in prepared:
            if external_id in known:
                skipped += 1
                continue
            known.add(external_id)
            decision = decide(rules, Subject(
                text=f"{title} {text}", author=item.author, has_media=bool(images),
                is_reply=item.is_reply, is_repost=item.is_repost), context)
            context.seen.append(f"{title} {text}")
            state = STATES[decision.action]
            new.append(BrandItem.objects.create(
                source=source, external_id=external_id, url=safe_link(item.url)[:2000],
                title=title or title_from_text(text),
                html=html, text=text, author=item.author[:200], published_at=item.published_at,
                image_urls=images, is_reply=item.is_reply, is_repost=item.is_repost,
                content_hash=digest, raw=_without_nul(item.raw), state=state,
                reason=decision.reason[:200],
                decided_at=timezone.now() if decision.rule else None))
    return Ingested(new=new, skipped=skipped)
