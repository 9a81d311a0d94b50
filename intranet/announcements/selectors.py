"""Reads of announcements for a person: what reaches them, what they may open, and in
which language version.

Announcements are known by their original (see `AnnouncementPage.original`); a reader is
shown its live version in their language when there is one."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from wagtail.models import Locale

from intranet.announcements.models import (
    AnnouncementPage,
    AutomaticReminder,
    DeliveryKey,
    Receipt,
)
from intranet.core.audience import audience_keys
from intranet.groups.selectors import readable_groups

User = get_user_model()


def readable_announcements(user: AbstractBaseUser) -> QuerySet[AnnouncementPage]:
    """The read policy of announcements: the live versions, not expired, whose original
    is live and that `user` may open. Any employee may open one, unless its original
    names groups: then the readers of those groups and its departments and locations
    (a secret group keeps it to its members)."""
    if not (user.is_authenticated and user.is_active):
        return AnnouncementPage.objects.none()
    named = AnnouncementPage.groups.through.objects.filter(announcementpage=OuterRef("pk"))
    originals = (_unexpired(AnnouncementPage.objects.live())
                 .exclude(Exists(AnnouncementPage.objects.filter(
                     translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))))
                 .filter(~Exists(named)
                         | Exists(named.filter(interestgroup__in=readable_groups(user)))
                         | Exists(DeliveryKey.objects.filter(page=OuterRef("pk"),
                                                             key__in=audience_keys(user)))))
    return _unexpired(AnnouncementPage.objects.live()).filter(
        translation_key__in=originals.values("translation_key"))


def _unexpired(pages: QuerySet[AnnouncementPage]) -> QuerySet[AnnouncementPage]:
    return pages.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def can_read(user: AbstractBaseUser, page: AnnouncementPage) -> bool:
    """Whether `user` may open this version (`readable_announcements`, for one page)."""
    return readable_announcements(user).filter(pk=page.pk).exists()


def audience_people(page: AnnouncementPage) -> QuerySet:
    """The active people it is addressed to, as of now (someone who moves into a
    department is in it from then on)."""
    return people_in(departments=list(page.departments.values_list("pk", flat=True)),
                     locations=list(page.locations.values_list("pk", flat=True)),
                     groups=list(page.groups.values_list("pk", flat=True)))


def people_in(*, departments: Iterable[int], locations: Iterable[int],
              groups: Iterable[int]) -> QuerySet:
    """The active people of any of these departments, locations or groups (by id);
    everyone when none is named, as for an announcement to the whole company."""
    departments, locations, groups = list(departments), list(locations), list(groups)
    people = User.objects.filter(is_active=True)
    if not (departments or locations or groups):
        return people
    return people.filter(Q(profile__department__in=departments)
                         | Q(profile__location__in=locations)
                         | Q(memberships__group__in=groups)).distinct()


def is_addressed_to(user: AbstractBaseUser, page: AnnouncementPage) -> bool:
    """Whether the person is in its audience now, by the published delivery keys."""
    return DeliveryKey.objects.filter(page_id=page.original.pk,
                                      key__in=audience_keys(user)).exists()


def reader_language(user: AbstractBaseUser) -> str:
    """The content language a person reads: their chosen one, else the active one."""
    chosen = getattr(getattr(user, "profile", None), "preferred_language", "")
    try:
        return translation.get_supported_language_variant(
            chosen or translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return Locale.get_default().language_code


def versions_in(pages: Iterable[AnnouncementPage],
                language: str) -> dict[int, AnnouncementPage]:
    """For each original, its live version in that language, else the original itself."""
    originals = {page.translation_key: page for page in pages}
    versions = {page.pk: page for page in originals.values()}
    for version in (AnnouncementPage.objects.live().select_related("locale")
                    .filter(translation_key__in=list(originals),
                            locale__language_code=language)):
        original = originals[version.translation_key]
        if version.pk != original.pk:
            versions[original.pk] = version
    return versions


def all_versions(page: AnnouncementPage) -> dict[str, AnnouncementPage]:
    """The live versions of an announcement by language."""
    return {version.locale.language_code: version for version in
            AnnouncementPage.objects.live().select_related("locale")
            .filter(translation_key=page.translation_key)}


def announcements_for(user: AbstractBaseUser) -> QuerySet[AnnouncementPage]:
    """Live announcements addressed to the person, newest first."""
    keys = sorted(audience_keys(user))
    return (_unexpired(AnnouncementPage.objects.live()).select_related("locale")
            .filter(Exists(DeliveryKey.objects.filter(page=OuterRef("pk"), key__in=keys)))
            .order_by("-first_published_at", "-pk"))


def receipt_for(user: AbstractBaseUser, page: AnnouncementPage) -> Receipt | None:
    if not user.is_authenticated:
        return None
    return Receipt.objects.filter(page=page, user=user).first()


def stats(page: AnnouncementPage) -> dict[str, int]:
    """Counts of people: in the audience, who saw it, who acknowledged, who has not."""
    people = audience_people(page).values("pk")
    receipts = Receipt.objects.filter(page=page, user__in=people)
    audience = people.count()
    acknowledged = receipts.filter(acknowledged_at__isnull=False).count()
    return {"audience": audience, "seen": receipts.filter(seen_at__isnull=False).count(),
            "acknowledged": acknowledged, "outstanding": audience - acknowledged}


def percent(part: int, whole: int) -> int:
    """A share of the audience in whole percent (0 of nobody)."""
    return round(100 * part / whole) if whole else 0


def reach(page: AnnouncementPage) -> dict:
    """The report's figures: `stats`, their shares of the audience, and the median time
    people took to acknowledge (from its first publication), None before anyone did."""
    counts = stats(page)
    delays = sorted(
        acknowledged - page.first_published_at for acknowledged in
        Receipt.objects.filter(page=page, acknowledged_at__isnull=False,
                               user__in=audience_people(page).values("pk"))
        .values_list("acknowledged_at", flat=True)) if page.first_published_at else []
    middle = len(delays) // 2
    median = None if not delays else (
        delays[middle] if len(delays) % 2 else (delays[middle - 1] + delays[middle]) / 2)
    return {**counts, "seen_percent": percent(counts["seen"], counts["audience"]),
            "acknowledged_percent": percent(counts["acknowledged"], counts["audience"]),
            "median_to_acknowledge": median}


def home_announcements(user: AbstractBaseUser, limit: int = 5) -> list[AnnouncementPage]:
    """What the home page shows on top: pinned ones first (until their date, until the
    person has seen it, or until they acknowledge it when that is required), then the
    latest."""
    now = timezone.now()
    pages = list(announcements_for(user)[:50])
    receipts = {r.page_id: r for r in Receipt.objects.filter(user_id=user.pk,
                                                             page__in=pages)}

    def pinned(page: AnnouncementPage) -> bool:
        receipt = receipts.get(page.pk)
        if page.importance == "ack_required" and not (receipt and receipt.acknowledged_at):
            return True
        if page.pin_until_seen and not (receipt and receipt.seen_at):
            return True
        return page.pinned_until is not None and page.pinned_until > now

    shown = versions_in(pages, reader_language(user))
    for page in pages:
        page.is_pinned = pinned(page)
        page.shown = shown[page.pk]
        receipt = receipts.get(page.pk)
        page.acknowledged = bool(receipt and receipt.acknowledged_at)
        page.action_required = page.importance == "ack_required" and not page.acknowledged
        page.overdue = bool(page.action_required and page.ack_due and page.ack_due <= now)
    return sorted(pages, key=lambda page: not page.is_pinned)[:limit]


def due_for_reminder(*, now, lead) -> QuerySet[AnnouncementPage]:
    """Live, unexpired originals that require an acknowledgement, already delivered,
    whose due date is ahead but less than `lead` away, and not yet reminded of for that
    due date."""
    return (_unexpired(AnnouncementPage.objects.live())
            .filter(importance="ack_required", announced_at__isnull=False,
                    ack_due__gt=now, ack_due__lte=now + lead)
            .exclude(Exists(AnnouncementPage.objects.filter(
                translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))))
            .exclude(Exists(AutomaticReminder.objects.filter(page=OuterRef("pk"),
                                                             due=OuterRef("ack_due"))))
            .order_by("ack_due"))


def outstanding_people(page: AnnouncementPage) -> QuerySet:
    """The audience who has not acknowledged it yet, by name."""
    done = Receipt.objects.filter(page=page, acknowledged_at__isnull=False).values("user_id")
    return (audience_people(page).exclude(pk__in=done)
            .select_related("profile__department", "profile__location")
            .order_by("last_name", "first_name", "username"))


def breakdown(page: AnnouncementPage, by: str) -> list[dict]:
    """Reach per department or per location ("department" or "location"), largest first;
    people without one are counted under an empty name."""
    receipts = {r.user_id: r for r in Receipt.objects.filter(page=page)}
    rows: dict[str, dict] = {}
    for person in audience_people(page).select_related(f"profile__{by}"):
        place = getattr(getattr(person, "profile", None), by, None)
        row = rows.setdefault(place.name if place else "", {
            "name": place.name if place else "", "audience": 0, "seen": 0,
            "acknowledged": 0})
        receipt = receipts.get(person.pk)
        row["audience"] += 1
        row["seen"] += bool(receipt and receipt.seen_at)
        row["acknowledged"] += bool(receipt and receipt.acknowledged_at)
    for row in rows.values():
        row["outstanding"] = row["audience"] - row["acknowledged"]
        row["seen_percent"] = percent(row["seen"], row["audience"])
        row["percent"] = percent(row["acknowledged"], row["audience"])
    return sorted(rows.values(), key=lambda row: (-row["audience"], row["name"]))


SUBJECT = "announcement"


def conversation_for(page: AnnouncementPage):
    """The post that carries the conversation under an announcement (its original's),
    or None while nobody has taken part."""
    from intranet.feeds.models import Post

    return Post.objects.filter(subject_type=SUBJECT, subject_id=page.original.pk).first()


def comments_of(page: AnnouncementPage, user: AbstractBaseUser) -> QuerySet:
    """The conversation under an announcement, oldest first, as `user` reads it (not by
    people they block, deleted comments left out)."""
    from intranet.feeds.models import Comment
    from intranet.feeds.selectors import comments_for

    post = conversation_for(page)
    return comments_for(user, post).order_by("created_at", "pk") if post is not None \
        else Comment.objects.none()


def reactions_of(page: AnnouncementPage, user: AbstractBaseUser) -> tuple[dict[str, int],
                                                                          set[str]]:
    """Counts by kind, and the kinds this person gave."""
    from intranet.feeds.selectors import my_reactions

    post = conversation_for(page)
    if post is None:
        return {}, set()
    return dict(post.reaction_counts), my_reactions(user, [post]).get(post.pk, set())


def conversation_audience(page_id: int) -> list[str]:
    """Who may read an announcement's conversation, as keys (its events, search)."""
    page = AnnouncementPage.objects.filter(pk=page_id).first()
    return page.search_audience() if page is not None else []


def conversation_url(page_id: int) -> str:
    page = AnnouncementPage.objects.filter(pk=page_id).first()
    return page.url if page is not None and page.url else "/"


def conversation_allows(page_id: int, what: str) -> bool:
    """Whether the announcement has "comments" or "reactions" on."""
    page = AnnouncementPage.objects.filter(pk=page_id).first()
    return page is not None and getattr(page, f"allow_{what}")
