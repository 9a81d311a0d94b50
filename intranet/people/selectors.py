"""Reads about people that depend on who is asking.

Privacy is applied here, once: the pages, the API and (later) search all take what a
viewer may see of a profile from `visible_fields`.
"""

from collections.abc import Iterable, Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from intranet.accounts.selectors import roles_of
from intranet.core.text import fold
from intranet.groups.selectors import co_member_ids
from intranet.people.models import PRIVACY_DEFAULTS, ContactPolicy, Profile, Visibility


def people_audience_keys(users: Sequence[AbstractBaseUser]) -> dict[int, set[str]]:
    """Each person holds their department's and location's keys."""
    rows = Profile.objects.filter(user__in=users).values_list(
        "user_id", "department_id", "location_id")
    keys: dict[int, set[str]] = {}
    for user_id, department_id, location_id in rows:
        found = keys.setdefault(user_id, set())
        if department_id:
            found.add(f"department:{department_id}")
        if location_id:
            found.add(f"location:{location_id}")
    return keys


def group_peers(viewer: AbstractBaseUser, owners: Iterable[AbstractBaseUser]) -> set[int]:
    """Ids of the `owners` who share an interest group with `viewer`."""
    shared = co_member_ids(viewer)
    return {owner.pk for owner in owners if owner.pk in shared}


def _visible(profile: Profile, field: str, *, is_owner: bool, is_peer: bool) -> bool:
    level = profile.visibility_of(field)
    return (is_owner or level == Visibility.EVERYONE
            or (level == Visibility.GROUPS and is_peer))


def visible_fields_for(viewer: AbstractBaseUser,
                       profiles: Sequence[Profile]) -> dict[int, frozenset[str]]:
    """For each profile id, the privacy-controlled fields `viewer` may see.

    Staff get no bypass: an administrator reads profiles like any colleague.
    """
    peers = group_peers(viewer, [p.user for p in profiles if p.user_id != viewer.pk])
    result = {}
    for profile in profiles:
        is_owner = profile.user_id == viewer.pk
        is_peer = profile.user_id in peers
        result[profile.pk] = frozenset(
            field for field in PRIVACY_DEFAULTS
            if _visible(profile, field, is_owner=is_owner, is_peer=is_peer))
    return result


def visible_fields(viewer: AbstractBaseUser, profile: Profile) -> frozenset[str]:
    return visible_fields_for(viewer, [profile])[profile.pk]


def can_contact(sender: AbstractBaseUser, recipient: AbstractBaseUser) -> bool:
    """Whether `sender` may mention or message `recipient`, by the recipient's policy."""
    if sender.pk == recipient.pk:
        return True
    policy = (Profile.objects.filter(user=recipient).values_list("contact_policy", flat=True)
              .first() or ContactPolicy.EVERYONE)
    if policy == ContactPolicy.EVERYONE:
        return True
    if policy == ContactPolicy.GROUPS:
        return recipient.pk in group_peers(sender, [recipient])
    return False


def can_read_photo(user: AbstractBaseUser, name: str) -> bool:
    profile = Profile.objects.select_related("user").filter(photo=name).first()
    return (profile is not None and profile.user.is_active
            and "photo" in visible_fields(user, profile))


def directory(*, viewer: AbstractBaseUser, q: str = "", department: str = "",
              location: str = "", skill: str = "") -> QuerySet[Profile]:
    """Current employees matching the filters, by name.

    Filters on privacy-controlled fields (location, skill) only match people whose
    field the viewer may see, so a filter cannot reveal a hidden value.
    """
    people = (profile_queryset().filter(user__is_active=True, left_at__isnull=True)
              .annotate(sort_name=F("user__display_name"))
              .order_by("sort_name", "user__username"))
    if q:
        for word in fold(q).split():
            people = people.filter(name_folded__contains=word)
    if department:
        people = people.filter(department__name__iexact=department)
    if location:
        people = people.filter(location__name__iexact=location).filter(
            _field_visible_q(viewer, "location"))
    if skill:
        people = people.filter(skills__name__iexact=skill).filter(
            _field_visible_q(viewer, "skills")).distinct()
    return people


def _field_visible_q(viewer: AbstractBaseUser, field: str) -> Q:
    """Profiles on which `viewer` may see `field`, as a database filter."""
    visible = Q(user=viewer) | Q(**{f"privacy__{field}": Visibility.EVERYONE})
    if PRIVACY_DEFAULTS[field] == Visibility.EVERYONE:
        visible |= ~Q(privacy__has_key=field)
    peers = co_member_ids(viewer)
    if peers:
        visible |= Q(**{f"privacy__{field}": Visibility.GROUPS}, user_id__in=peers)
    return visible


def org_chart(profile: Profile) -> tuple[list[Profile], list[Profile]]:
    """The manager chain above `profile` (nearest first) and its direct reports."""
    chain: list[Profile] = []
    seen = {profile.pk}
    current = profile.manager
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.manager
    reports = list(profile.reports.filter(user__is_active=True)
                   .select_related("user", "department").order_by("user__display_name"))
    return chain, reports


def person_views(viewer: AbstractBaseUser, profiles: Sequence[Profile]) -> list[dict]:
    """What `viewer` may see of each profile, as plain data for pages and the API.

    A field its owner hid from the viewer is absent from the dict, so no template or
    serializer can show it by mistake.
    """
    visible = visible_fields_for(viewer, profiles)
    views = []
    for profile in profiles:
        user = profile.user
        fields = visible[profile.pk]
        view: dict = {
            "id": user.pk,
            "username": user.username,
            "display_name": user.get_display_name(),
            "department": profile.department.name if profile.department else None,
            "manager": profile.manager.user.username if profile.manager else None,
            "is_official": profile.is_official,
            "is_former_employee": profile.is_former_employee or not user.is_active,
            "roles": roles_of(user),
            "url": reverse("people:profile", args=[user.username]),
        }
        values = {
            "pronouns": profile.pronouns,
            "job_title": profile.job_title,
            "team": profile.team,
            "location": profile.location.name if profile.location else None,
            "phone": profile.phone,
            "bio": profile.bio,
            "skills": sorted(tag.name for tag in profile.skills.all()),
            "languages": list(profile.languages),
            "start_date": profile.start_date,
            "photo": profile.photo.url if profile.photo else None,
        }
        view.update({field: value for field, value in values.items() if field in fields})
        views.append(view)
    return views


def person_view(viewer: AbstractBaseUser, profile: Profile) -> dict:
    return person_views(viewer, [profile])[0]


def profile_queryset() -> QuerySet[Profile]:
    """Profiles with what `person_views` reads, fetched in a constant number of queries."""
    return (Profile.objects.select_related("user", "department", "location", "manager__user")
            .prefetch_related("skills", "user__groups"))


def my_team(user: AbstractBaseUser, limit: int = 8) -> list[Profile]:
    """The people closest to `user` at work: their manager, peers and direct reports."""
    profile = Profile.objects.filter(user=user).only("pk", "manager_id").first()
    if profile is None:
        return []
    near = Q(manager_id=profile.pk)
    if profile.manager_id:
        near |= Q(pk=profile.manager_id) | Q(manager_id=profile.manager_id)
    return list(profile_queryset().filter(near, user__is_active=True)
                .exclude(pk=profile.pk).order_by("user__display_name")[:limit])


def new_colleagues(viewer: AbstractBaseUser, limit: int = 6) -> list[Profile]:
    """The latest arrivals, by start date, among those whose start date `viewer` may see."""
    return list(profile_queryset().filter(user__is_active=True, left_at__isnull=True,
                                          start_date__isnull=False)
                .filter(_field_visible_q(viewer, "start_date"))
                .order_by("-start_date", "user__display_name")[:limit])
