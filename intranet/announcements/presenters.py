"""Announcements as clients see them: known by the original's id, in the reader's
language when a version exists."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.announcements.models import AnnouncementPage, Importance


def announcement_data(page: AnnouncementPage, shown: AnnouncementPage | None = None) -> dict:
    """The original's delivery settings with the text of the version shown."""
    shown = shown or page
    return {
        "id": page.pk, "title": shown.title, "summary": shown.summary, "url": shown.url,
        "language": shown.locale.language_code, "importance": page.importance,
        "published_at": page.first_published_at, "ack_due": page.ack_due,
        "expire_at": page.expire_at, "allow_comments": page.allow_comments,
        "allow_reactions": page.allow_reactions,
    }


def event_data(page: AnnouncementPage) -> dict:
    """One payload for the whole audience: every live version, for each client to show
    its own language."""
    from intranet.announcements.selectors import all_versions

    return {**announcement_data(page), "translations": {
        language: {"title": version.title, "summary": version.summary, "url": version.url}
        for language, version in all_versions(page).items()}}


def readers_data(pages: list[AnnouncementPage], user: AbstractBaseUser) -> list[dict]:
    """Originals as this reader sees them, with what they did: seen, acknowledged."""
    from intranet.announcements.models import Receipt
    from intranet.announcements.selectors import reader_language, versions_in

    shown = versions_in(pages, reader_language(user))
    receipts = {receipt.page_id: receipt for receipt in
                Receipt.objects.filter(user_id=user.pk, page__in=[p.pk for p in pages])}
    result = []
    for page in pages:
        receipt = receipts.get(page.pk)
        result.append({**announcement_data(page, shown[page.pk]),
                       "seen": bool(receipt and receipt.seen_at),
                       "acknowledged": bool(receipt and receipt.acknowledged_at),
                       "action_required": page.importance == Importance.ACK_REQUIRED
                       and not (receipt and receipt.acknowledged_at)})
    return result


def reader_data(page: AnnouncementPage, user: AbstractBaseUser) -> dict:
    return readers_data([page], user)[0]


def pinned_feed_entries(user: AbstractBaseUser) -> list[dict]:
    """The announcements pinned for this person, as entries on top of their home feed."""
    from intranet.announcements.selectors import home_announcements

    pinned = [page for page in home_announcements(user) if page.is_pinned]
    return [{"type": "announcement", "announcement": data}
            for data in readers_data(pinned, user)]


def comment_data(comment, page: AnnouncementPage) -> dict:
    """A comment of the conversation under an announcement (a comment of the feeds)."""
    from intranet.feeds.presenters import comment_data as feeds_comment_data

    return {**feeds_comment_data(comment), "announcement": page.pk}


def announcement_frames(user: AbstractBaseUser, frames: list[dict]) -> list[dict]:
    """Replayed announcement events as they are now: one still addressed to the reader
    carries its current versions; one withdrawn or expired since comes back as
    `announcement.withdrawn`, with nothing but its id."""
    from intranet.announcements.selectors import announcements_for

    ids = {frame["data"]["announcement"]["id"] for frame in frames}
    live = {page.pk: page for page in announcements_for(user).filter(pk__in=ids)}
    current = []
    for frame in frames:
        page = live.get(frame["data"]["announcement"]["id"])
        if page is None or frame["type"] == "announcement.withdrawn":
            current.append({**frame, "type": "announcement.withdrawn", "data": {
                "announcement": {"id": frame["data"]["announcement"]["id"]}}})
        else:
            current.append({**frame, "data": {"announcement": event_data(page)}})
    return current
