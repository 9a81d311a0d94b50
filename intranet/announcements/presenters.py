"""Announcements as clients see them, the same for every reader (live events)."""

from intranet.announcements.models import AnnouncementPage


def announcement_data(page: AnnouncementPage) -> dict:
    return {
        "id": page.pk, "title": page.title, "summary": page.summary, "url": page.url,
        "importance": page.importance, "published_at": page.first_published_at,
        "ack_due": page.ack_due, "expire_at": page.expire_at,
    }


def reader_data(page: AnnouncementPage, user) -> dict:
    """With what this reader did: seen, acknowledged."""
    from intranet.announcements.selectors import receipt_for

    receipt = receipt_for(user, page)
    return {**announcement_data(page), "seen": bool(receipt and receipt.seen_at),
            "acknowledged": bool(receipt and receipt.acknowledged_at)}


def pinned_feed_entries(user) -> list[dict]:
    """The announcements pinned for this person, as entries on top of their home feed."""
    from intranet.announcements.selectors import home_announcements

    return [{"type": "announcement", "announcement": reader_data(page, user)}
            for page in home_announcements(user) if page.is_pinned]
