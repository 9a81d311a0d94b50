"""Reads about groups that depend on who is asking.

Listed is not readable: open and private groups are listed to everyone, secret groups
only to their members; an open group's content is readable by everyone, a private or
secret group's only by its members. Staff and superusers get no bypass here.
"""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from intranet.groups.models import (
    InterestGroup,
    Invitation,
    InvitationState,
    JoinRequest,
    Membership,
    RequestState,
    Role,
    Visibility,
)


def group_audience_keys(users: Sequence[AbstractBaseUser]) -> dict[int, set[str]]:
    """`group:<id>` and `member:<id>` for each group a person belongs to (and
    `moderator:<id>` where they own or moderate it), and `group:<id>` for every group
    that is open now."""
    open_keys = {f"group:{pk}" for pk in InterestGroup.objects.filter(
        visibility=Visibility.OPEN).values_list("pk", flat=True)}
    keys = {user.pk: set(open_keys) for user in users}
    for user_id, group_id, role in Membership.objects.filter(user__in=users).values_list(
            "user_id", "group_id", "role"):
        keys[user_id] |= {f"group:{group_id}", f"member:{group_id}"}
        if role in (Role.OWNER, Role.MODERATOR):
            keys[user_id].add(f"moderator:{group_id}")
    return keys


def membership_of(user: AbstractBaseUser, group: InterestGroup) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, group=group).first()


def _member_q(user: AbstractBaseUser) -> Q:
    return Q(Exists(Membership.objects.filter(group=OuterRef("pk"), user_id=user.pk)))


def visible_groups(user: AbstractBaseUser) -> QuerySet[InterestGroup]:
    """The groups `user` may know exist: open, private, and the secret ones they are in."""
    if not user.is_authenticated or not user.is_active:
        return InterestGroup.objects.none()
    return InterestGroup.objects.filter(~Q(visibility=Visibility.SECRET) | _member_q(user))


def readable_groups(user: AbstractBaseUser) -> QuerySet[InterestGroup]:
    """The groups whose content (posts, member list) `user` may read."""
    if not user.is_authenticated or not user.is_active:
        return InterestGroup.objects.none()
    return InterestGroup.objects.filter(Q(visibility=Visibility.OPEN) | _member_q(user))


def can_read(user: AbstractBaseUser, group: InterestGroup) -> bool:
    """Whether `user` may read `group`'s content (`readable_groups`, for one group)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return group.visibility == Visibility.OPEN or membership_of(user, group) is not None


def can_see(user: AbstractBaseUser, group: InterestGroup) -> bool:
    """Whether `user` may know `group` exists: listed groups, and secret groups to their
    members and to the people invited to join them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (group.visibility != Visibility.SECRET or membership_of(user, group) is not None
            or pending_invitation(user, group) is not None)


def visible_group(user: AbstractBaseUser, slug: object) -> InterestGroup | None:
    """The group `slug` names if `user` may know it exists (`can_see`); None otherwise,
    the same answer as for a group that does not exist."""
    if not isinstance(slug, str) or not slug:
        return None
    group = InterestGroup.objects.filter(slug=slug).first()
    return group if group is not None and can_see(user, group) else None


def group_listing(user: AbstractBaseUser, *, q: str = "", mine: bool = False
                  ) -> QuerySet[InterestGroup]:
    """Visible groups with their member count and the asker's role, by name."""
    groups = visible_groups(user)
    if mine:
        groups = groups.filter(memberships__user_id=user.pk)
    if q:
        groups = groups.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    my_role = Membership.objects.filter(group=OuterRef("pk"), user_id=user.pk).values("role")
    # A subquery, not a join: the `mine` filter must not narrow the count to one row.
    count = (Membership.objects.filter(group=OuterRef("pk")).order_by()
             .values("group").annotate(n=Count("pk")).values("n"))
    return groups.annotate(member_count=Coalesce(Subquery(count), 0),
                           my_role=my_role[:1]).order_by("name", "pk")


def members_of(group: InterestGroup) -> QuerySet[Membership]:
    """A group's members, owners first; callers check `can_read` first."""
    order = {Role.OWNER: 0, Role.MODERATOR: 1, Role.MEMBER: 2}
    rank = Case(*[When(role=role, then=Value(n)) for role, n in order.items()],
                output_field=IntegerField())
    return (group.memberships.select_related("user").annotate(rank=rank)
            .order_by("rank", "user__display_name", "user__username"))


def member_count(group: InterestGroup) -> int:
    return group.memberships.count()


def pending_requests(group: InterestGroup) -> QuerySet[JoinRequest]:
    return (group.join_requests.filter(state=RequestState.PENDING).select_related("user")
            .order_by("created_at"))


def pending_invitation(user: AbstractBaseUser, group: InterestGroup) -> Invitation | None:
    if not user.is_authenticated:
        return None
    return group.invitations.filter(invitee=user, state=InvitationState.PENDING).first()


def pending_request(user: AbstractBaseUser, group: InterestGroup) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return group.join_requests.filter(user=user, state=RequestState.PENDING).first()


def co_member_ids(user: AbstractBaseUser) -> set[int]:
    """Everyone who shares at least one group with `user` (not `user` themselves)."""
    if not user.is_authenticated:
        return set()
    mine = Membership.objects.filter(user_id=user.pk).values("group_id")
    return set(Membership.objects.filter(group_id__in=mine).exclude(user_id=user.pk)
               .values_list("user_id", flat=True).distinct())


def groups_of_person(viewer: AbstractBaseUser, person: AbstractBaseUser
                     ) -> QuerySet[InterestGroup]:
    """The groups `person` belongs to that `viewer` may know exist."""
    return visible_groups(viewer).filter(memberships__user=person).order_by("name")


def can_see_cover(user: AbstractBaseUser, name: str) -> bool:
    group = InterestGroup.objects.filter(cover=name).first()
    return group is not None and can_see(user, group)


def group_frames(user: AbstractBaseUser, frames: list[dict]) -> list[dict]:
    """Replayed group events: those about the person themselves (joined, invited,
    removed...) go to them as they were; a change of a group's visibility only tells open
    sockets to read their access again, and is not replayed."""
    return [frame for frame in frames if frame["type"] != "group.visibility_changed"]
