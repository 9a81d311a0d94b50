"""Announcements written by HR, in the admin's "New announcement" form or by HR systems
through the API: the same page type and audience rules as in Wagtail's editor. Live at
once when the writer may publish, otherwise submitted to the page's Wagtail workflow for
approval."""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from intranet.announcements.models import AnnouncementPage, Importance
from intranet.announcements.permissions import PUBLISH
from intranet.core.errors import Forbidden, Invalid
from intranet.feeds.markup import render
from intranet.groups.models import InterestGroup
from intranet.groups.selectors import visible_groups
from intranet.people.models import Department, Location

MAX_TITLE = 255


def announcement_parent(locale: Locale) -> Page:
    """Where a new announcement is filed: under the page the site names in
    `ANNOUNCEMENTS_PARENT` (the dotted path of a function of the locale), by default the
    default site's root page in that locale."""
    return import_string(settings.ANNOUNCEMENTS_PARENT)(locale)


def _time(data: dict, field: str) -> datetime | None:
    value = data.get(field)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(str(value))
        # Stored in UTC: the database refuses offsets no place uses (+23:18).
        parsed = parsed.astimezone(UTC) if parsed and parsed.tzinfo else None
    except (ValueError, OverflowError):  # 30 February, or beyond the first year
        parsed = None
    if parsed is None:
        raise Invalid(_("Give times in ISO 8601 with a time zone."),
                      fields={field: [_("Not a time with a zone.")]})
    return parsed


def _named(rows: QuerySet, names: Any, field: str, key: str = "name") -> list:
    """The rows named, among those the writer may know of (a secret group they are not
    in is unknown, like one that does not exist)."""
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Invalid(_("Audiences are lists of names."), fields={field: [_("Not a list.")]})
    found = {getattr(obj, key): obj for obj in rows.filter(**{f"{key}__in": names})}
    unknown = [name for name in names if name not in found]
    if unknown:
        raise Invalid(_("Some of the audience does not exist."),
                      fields={field: [_("Unknown: %(names)s.") % {"names": ", ".join(unknown)}]})
    return list(found.values())


def _text(data: Any, prefix: str = "") -> dict:
    """Title, summary and body of one language version."""
    if not isinstance(data, dict):
        raise Invalid(_("A translation is an object."),
                      fields={prefix.rstrip("."): [_("Not an object.")]})
    title = " ".join(str(data.get("title") or "").split())
    body = str(data.get("body") or "")
    missing = {f"{prefix}{name}": [_("This field is required.")]
               for name, value in (("title", title), ("body", body.strip())) if not value}
    if missing:
        raise Invalid(_("Some fields are missing."), fields=missing)
    if len(title) > MAX_TITLE:
        raise Invalid(_("The title is too long."), fields={f"{prefix}title": [_("Too long.")]})
    return {"title": title, "summary": str(data.get("summary") or "")[:500],
            "body": [("text", RichText(render(body).html))]}


def _locale(code: Any, field: str) -> Locale:
    languages = [language for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locale = Locale.objects.filter(language_code=code).first() if code in languages else None
    if locale is None:
        raise Invalid(_("Unknown language."), fields={field: [
            _("One of: %(values)s.") % {"values": ", ".join(languages)}]})
    return locale


def _translations(data: Any, language: str) -> dict[Locale, dict]:
    """Other language versions: `{"fr": {"title", "summary", "body"}}`."""
    if data in (None, ""):
        return {}
    if not isinstance(data, dict):
        raise Invalid(_("Translations are an object by language."),
                      fields={"translations": [_("Not an object.")]})
    if language in data:
        raise Invalid(_("The announcement is already in that language."),
                      fields={f"translations.{language}": [_("Same as the announcement.")]})
    return {_locale(code, f"translations.{code}"): _text(text, f"translations.{code}.")
            for code, text in data.items()}


def _translate(page: AnnouncementPage, locale: Locale, text: dict) -> AnnouncementPage:
    version = page.copy_for_translation(locale)
    version.title, version.draft_title = text["title"], text["title"]
    version.summary, version.body = text["summary"], text["body"]
    version.slug = find_available_slug(
        version.get_parent(), slugify(text["title"], allow_unicode=True) or page.slug,
        ignore_page_id=version.pk)
    version.save()
    return version


def _publish_or_submit(page: AnnouncementPage, actor: AbstractBaseUser, *,
                       draft: bool = False) -> None:
    revision = page.save_revision(user=actor, log_action=True)
    if draft:
        return
    if page.permissions_for_user(actor).can_publish():
        revision.publish(user=actor)
    elif (workflow := page.get_workflow()) is not None:
        workflow.start(page, actor)


def announcement_create(*, actor: AbstractBaseUser, data: dict) -> AnnouncementPage:
    """Write an announcement from the API's names and markup, with its other language
    versions, and publish it (or submit it)."""
    if not actor.has_perm(PUBLISH):
        raise Forbidden(_("Only HR publishes announcements."))
    text = _text(data)
    language = data.get("language") or Locale.get_default().language_code
    locale = _locale(language, "language")
    translations = _translations(data.get("translations"), language)
    audience = data.get("audience") or {}
    if not isinstance(audience, dict):
        raise Invalid(_("The audience is an object."), fields={"audience": [_("Not an object.")]})
    departments = _named(Department.objects.all(), audience.get("departments", []),
                         "audience.departments")
    locations = _named(Location.objects.all(), audience.get("locations", []),
                       "audience.locations")
    groups = _named(visible_groups(actor), audience.get("groups", []), "audience.groups",
                    key="slug")
    pinned = data.get("pinned_until")
    return announcement_write(
        actor=actor, locale=locale, text=text, translations=translations,
        importance=data.get("importance") or Importance.INFO,
        ack_due=_time(data, "ack_due"), publish_at=_time(data, "publish_at"),
        expire_at=_time(data, "expire_at"), pin_until_seen=pinned == "seen",
        pinned_until=None if pinned == "seen" else _time(data, "pinned_until"),
        departments=departments, locations=locations, groups=groups)


def announcement_write(*, actor: AbstractBaseUser, locale: Locale, text: dict,
                       importance: str, departments: Iterable[Department] = (),
                       locations: Iterable[Location] = (),
                       groups: Iterable[InterestGroup] = (),
                       ack_due: datetime | None = None, publish_at: datetime | None = None,
                       expire_at: datetime | None = None,
                       pinned_until: datetime | None = None, pin_until_seen: bool = False,
                       translations: dict[Locale, dict] | None = None,
                       draft: bool = False) -> AnnouncementPage:
    """Write an announcement (`text`: title, summary, body as stream data) as a Wagtail
    page under the site's announcements parent, then publish it when the writer may, or
    submit it to its workflow; `draft` keeps it a draft. Other language versions go
    first, so the announcement goes out with all of them. All or nothing."""
    if not actor.has_perm(PUBLISH):
        raise Forbidden(_("Only HR publishes announcements."))
    if importance not in Importance.values:
        raise Invalid(_("Unknown importance."), fields={"importance": [
            _("One of: %(values)s.") % {"values": ", ".join(Importance.values)}]})
    groups = list(groups)
    if len(visible_groups(actor).filter(pk__in=[g.pk for g in groups])) != len(groups):
        # A secret group the writer is not in is unknown to them, like a missing one.
        raise Invalid(_("Some of the audience does not exist."),
                      fields={"audience.groups": [_("Unknown group.")]})
    if publish_at and expire_at and expire_at <= publish_at:
        raise Invalid(_("It would expire before it is published."),
                      fields={"expire_at": [_("Choose a time after the publication.")]})
    page = AnnouncementPage(
        **text, importance=importance, ack_due=ack_due,
        go_live_at=publish_at, expire_at=expire_at, pin_until_seen=pin_until_seen,
        pinned_until=None if pin_until_seen else pinned_until,
        owner=actor, live=False, locale=locale)
    with transaction.atomic():
        parent = announcement_parent(locale)
        # A title of symbols only has no slug of its own; the address still needs one.
        page.slug = find_available_slug(
            parent, slugify(text["title"], allow_unicode=True) or "announcement")
        parent.add_child(instance=page)
        page.departments.set(departments)
        page.locations.set(locations)
        page.groups.set(groups)
        for other, other_text in (translations or {}).items():
            _publish_or_submit(_translate(page, other, other_text), actor, draft=draft)
        _publish_or_submit(page, actor, draft=draft)
    return AnnouncementPage.objects.get(pk=page.pk)
