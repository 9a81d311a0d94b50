"""Announcements as clients see them, the same for every reader (live events)."""

from intranet.announcements.models import AnnouncementPage


def announcement_data(page: AnnouncementPage) -> dict:
    return {
        "id": page.pk, "title": page.title, "summary": page.summary, "url": page.url,
        "importance": page.importance, "published_at": page.first_published_at,
        "ack_due": page.ack_due, "expire_at": page.expire_at,
    }
