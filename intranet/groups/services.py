"""Every change to groups and memberships, each checking who acts.

A person who may not know a group exists gets NotFound, never Forbidden, so existence
does not leak. Membership changes are a constant number of rows: the membership and the
person's place in the role's auth group, which holds the permissions.
"""

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from guardian.models import GroupObjectPermission

from intranet.core.audit import audit
from intranet.core.errors import Conflict, Forbidden, Invalid, NotFound
from intranet.core.events import publish_event
from intranet.core.images import sanitize_image
from intranet.core.media import private_storage
from intranet.groups.models import (
    InterestGroup,
    Invitation,
    InvitationState,
    JoinRequest,
    Membership,
    NotificationLevel,
    RequestState,
    Role,
    Visibility,
)
from intranet.groups.permissions import MANAGE, MODERATE, grant_role_permissions, group_permissions
from intranet.groups.selectors import can_see

EDITABLE = {"name", "description", "visibility", "cover"}


@dataclass(frozen=True)
class JoinOutcome:
    """Joining either makes a member at once or files a request for the managers."""

    membership: Membership | None = None
    request: JoinRequest | None = None


def _not_found() -> NotFound:
    return NotFound(_("No such group."))


def _is_site_admin(actor: AbstractBaseUser) -> bool:
    """Staff with the admin permission manage any group's metadata (not its content)."""
    return actor.is_active and actor.has_perm("intranet_groups.change_interestgroup")


def _require(actor: AbstractBaseUser, group: InterestGroup, permission: str,
             *, site_admin: bool = False) -> None:
    if permission in group_permissions(actor, group) or (site_admin and _is_site_admin(actor)):
        return
    if not can_see(actor, group) and not (site_admin and _is_site_admin(actor)):
        raise _not_found()
    raise Forbidden(_("Only the group's %(who)s may do that.") % {
        "who": _("owners") if permission == MANAGE else _("owners and moderators")})


def _require_active(group: InterestGroup) -> None:
    if group.is_archived:
        raise Conflict(_("This group is archived: it is read-only."), code="archived")


def _group_data(group: InterestGroup) -> dict[str, Any]:
    return {"slug": group.slug, "name": group.name}


def _tell(user_id: int, type: str, group: InterestGroup, **data: Any) -> None:
    """An event for one person: their open sockets follow their memberships by it, and the
    feeds turn some into notifications."""
    publish_event(stream=f"user:{user_id}", type=type,
                  data={"group": _group_data(group), **data})


def _unique_slug(name: str, visibility: str) -> str:
    """A group's address, from its name. A secret group's ends in random characters, so
    that no other group's name ever collides with it: the address a creator gets never
    depends on a group they may not know exists."""
    base = slugify(name)[:120] or "group"
    if visibility == Visibility.SECRET:
        while True:
            slug = f"{base}-{secrets.token_hex(3)}"
            if not InterestGroup.objects.filter(slug=slug).exists():
                return slug
    slug, n = base, 2
    while InterestGroup.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_fields(group: InterestGroup) -> None:
    try:
        group.full_clean(exclude=["owners", "moderators", "members", "created_by"])
    except ValidationError as error:
        raise Invalid(_("Some fields are not valid."), fields=error.message_dict) from None


def _can_create(actor: AbstractBaseUser) -> bool:
    role = settings.GROUP_CREATION_ROLE
    return not role or actor.is_superuser or actor.groups.filter(name=role).exists()


def group_create(*, actor: AbstractBaseUser, name: str, description: str = "",
                 visibility: str = Visibility.OPEN, cover: UploadedFile | None = None
                 ) -> InterestGroup:
    """Create a group whose first owner is its creator."""
    if not _can_create(actor):
        raise Forbidden(_("Only %(role)s may create groups.") % {
            "role": settings.GROUP_CREATION_ROLE})
    with transaction.atomic():
        slug = _unique_slug(name.strip(), visibility)
        group = InterestGroup(name=name.strip(), slug=slug, description=description.strip(),
                              visibility=visibility, created_by=actor)
        if cover:
            group.cover = sanitize_image(cover, max_side=1600, field="cover")
        _check_fields(group)
        # Named by a random token, not the group: auth groups are listed in the admin
        # (page privacy, settings), where a secret group's name or address must not show.
        token = uuid.uuid4().hex[:12]
        for role in Role:
            setattr(group, f"{role}s", AuthGroup.objects.create(
                name=f"Interest group {token} · {role}s"))
        group.save()
        grant_role_permissions(group)
        _add_member(group, actor, Role.OWNER)
        audit(group, "intranet.group.create", actor=actor,
              data={"name": group.name, "visibility": group.visibility})
    return group


def group_update(*, actor: AbstractBaseUser, group: InterestGroup,
                 changes: dict[str, Any]) -> InterestGroup:
    """Edit a group's name, description, visibility or cover (owners and site admins)."""
    _require(actor, group, MANAGE, site_admin=True)
    _require_active(group)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise Invalid(_("These cannot be changed: %(fields)s.") % {
            "fields": ", ".join(sorted(unknown))})
    before = {field: str(getattr(group, field)) for field in EDITABLE}
    old_cover = group.cover.name
    with transaction.atomic():
        for field, value in changes.items():
            if field == "cover":
                group.cover = sanitize_image(value, max_side=1600, field="cover") if value else ""
            else:
                setattr(group, field, value.strip() if isinstance(value, str) else value)
        _check_fields(group)
        if group.visibility == Visibility.SECRET and before["visibility"] != Visibility.SECRET:
            # Its old address was known to all: it takes one no other name collides with.
            group.slug = _unique_slug(group.name, Visibility.SECRET)
        group.save()
        after = {field: str(getattr(group, field)) for field in EDITABLE}
        changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
        if changed:
            audit(group, "intranet.group.edit", actor=actor, data={"changes": changed})
        if "visibility" in changed:
            # Open sockets watching the group read their access again at once.
            publish_event(stream=f"group:{group.pk}", type="group.visibility_changed",
                          data={"group": {"id": group.pk}}, audience=[f"member:{group.pk}"])
        if old_cover and old_cover != group.cover.name:
            transaction.on_commit(lambda: private_storage().delete(old_cover))
    return group


def group_set_archived(*, actor: AbstractBaseUser, group: InterestGroup,
                       archived: bool) -> InterestGroup:
    """Archive a group (read-only from then on) or bring it back."""
    _require(actor, group, MANAGE, site_admin=True)
    if group.is_archived == archived:
        return group
    with transaction.atomic():
        group.archived_at = timezone.now() if archived else None
        group.save(update_fields=["archived_at"])
        audit(group, "intranet.group.archive" if archived else "intranet.group.unarchive",
              actor=actor)
    return group


def group_change(*, actor: AbstractBaseUser, group: InterestGroup, changes: dict[str, Any],
                 archived: bool | None = None) -> InterestGroup:
    """One request's edits and archiving, all or nothing: the edits land after bringing
    a group back and before archiving it, since an archived group takes no edit."""
    with transaction.atomic():
        if archived is False:
            group = group_set_archived(actor=actor, group=group, archived=False)
        if changes:
            group = group_update(actor=actor, group=group, changes=changes)
        if archived:
            group = group_set_archived(actor=actor, group=group, archived=True)
    return group


def group_delete(*, actor: AbstractBaseUser, group: InterestGroup) -> None:
    """Delete a group with its memberships, requests, invitations and permissions."""
    _require(actor, group, MANAGE, site_admin=True)
    with transaction.atomic():
        audit(group, "wagtail.delete", actor=actor, data={"name": group.name})
        auth_groups = [group.owners, group.moderators, group.members]
        content_type = ContentType.objects.get_for_model(InterestGroup)
        GroupObjectPermission.objects.filter(content_type=content_type,
                                             object_pk=str(group.pk)).delete()
        cover = group.cover.name
        group.delete()
        for auth_group in auth_groups:
            auth_group.delete()
        if cover:
            transaction.on_commit(lambda: private_storage().delete(cover))


def _add_member(group: InterestGroup, user: AbstractBaseUser, role: str) -> Membership:
    membership = Membership.objects.create(group=group, user=user, role=role)
    user.groups.add(group.auth_group(role))
    _tell(user.pk, "group.joined", group)
    return membership


def group_join(*, actor: AbstractBaseUser, group: InterestGroup,
               message: str = "") -> JoinOutcome:
    """Join an open group, accept an invitation, or ask to join a private group."""
    if not can_see(actor, group):
        raise _not_found()
    _require_active(group)
    with transaction.atomic():
        if Membership.objects.filter(group=group, user=actor).exists():
            raise Conflict(_("You are already a member of this group."), code="already_member")
        invitation = (Invitation.objects.select_for_update()
                      .filter(group=group, invitee=actor, state=InvitationState.PENDING).first())
        if invitation is not None:
            invitation.state = InvitationState.ACCEPTED
            invitation.save(update_fields=["state"])
            membership = _add_member(group, actor, invitation.role)
            audit(group, "intranet.group.join", actor=actor,
                  data={"username": actor.username, "invitation": invitation.pk})
            return JoinOutcome(membership=membership)
        if group.visibility == Visibility.OPEN:
            membership = _add_member(group, actor, Role.MEMBER)
            audit(group, "intranet.group.join", actor=actor, data={"username": actor.username})
            return JoinOutcome(membership=membership)
        if group.visibility == Visibility.SECRET:
            raise _not_found()
        try:
            with transaction.atomic():
                request = JoinRequest.objects.create(group=group, user=actor,
                                                     message=message.strip()[:1000])
        except IntegrityError:
            raise Conflict(_("You have already asked to join this group."),
                           code="already_requested") from None
        managers = Membership.objects.filter(
            group=group, role__in=[Role.OWNER, Role.MODERATOR]).values_list("user_id", flat=True)
        for manager_id in managers:
            _tell(manager_id, "group.request_received", group, request=request.pk,
                  username=actor.username, message=request.message)
        audit(group, "intranet.group.request", actor=actor, data={"username": actor.username})
        return JoinOutcome(request=request)


def request_decide(*, actor: AbstractBaseUser, request: JoinRequest,
                   approve: bool) -> JoinRequest:
    """Approve or reject a pending request (owners and moderators)."""
    group = request.group
    _require(actor, group, MODERATE)
    _require_active(group)
    with transaction.atomic():
        request = JoinRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != RequestState.PENDING:
            raise Conflict(_("This request has already been decided."), code="already_decided")
        request.state = RequestState.APPROVED if approve else RequestState.REJECTED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["state", "decided_by", "decided_at"])
        if approve and not Membership.objects.filter(group=group, user=request.user).exists():
            _add_member(group, request.user, Role.MEMBER)
        _tell(request.user_id, "group.request_decided", group, approved=approve,
              by=actor.username)
        audit(group, "intranet.group.request_decided", actor=actor,
              data={"username": request.user.username, "approved": approve})
    return request


def _owner_count(group: InterestGroup) -> int:
    return Membership.objects.filter(group=group, role=Role.OWNER).count()


def _drop_member(membership: Membership) -> None:
    membership.user.groups.remove(membership.group.auth_group(membership.role))
    membership.delete()
    _tell(membership.user_id, "group.left", membership.group)


def group_leave(*, actor: AbstractBaseUser, group: InterestGroup) -> None:
    """Leave a group; its last owner must first hand ownership to someone else."""
    with transaction.atomic():
        membership = (Membership.objects.select_for_update()
                      .filter(group=group, user=actor).first())
        if membership is None:
            if not can_see(actor, group):
                raise _not_found()
            raise Conflict(_("You are not a member of this group."), code="not_member")
        if membership.role == Role.OWNER and _owner_count(group) == 1:
            raise Conflict(_("You are the last owner: make someone else an owner first."),
                           code="last_owner")
        _drop_member(membership)
        audit(group, "intranet.group.leave", actor=actor, data={"username": actor.username})


def member_invite(*, actor: AbstractBaseUser, group: InterestGroup,
                  invitee: AbstractBaseUser, role: str = Role.MEMBER) -> Invitation:
    """Invite someone (owners and moderators; only owners invite owners or moderators)."""
    _require(actor, group, MODERATE)
    _require_active(group)
    if role not in Role.values:
        raise Invalid(_("Unknown role."), fields={"role": [_("owner, moderator or member")]})
    if role != Role.MEMBER and MANAGE not in group_permissions(actor, group):
        raise Forbidden(_("Only owners may invite owners or moderators."))
    if not invitee.is_active:
        raise Invalid(_("This person has left the company."), fields={"username": [
            _("Former employees cannot be invited.")]})
    if Membership.objects.filter(group=group, user=invitee).exists():
        raise Conflict(_("This person is already a member."), code="already_member")
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            group=group, invitee=invitee, state=InvitationState.PENDING,
            defaults={"invited_by": actor, "role": role})
        if not created:
            raise Conflict(_("This person has already been invited."), code="already_invited")
        _tell(invitee.pk, "group.invited", group, by=actor.username, role=role)
        audit(group, "intranet.group.invite", actor=actor,
              data={"username": invitee.username, "role": role})
    return invitation


def _membership_of(group: InterestGroup, user: AbstractBaseUser) -> Membership:
    membership = (Membership.objects.select_for_update().select_related("user", "group")
                  .filter(group=group, user=user).first())
    if membership is None:
        raise NotFound(_("This person is not a member."))
    return membership


def member_set_role(*, actor: AbstractBaseUser, group: InterestGroup,
                    user: AbstractBaseUser, role: str) -> Membership:
    """Change someone's role (owners); the last owner cannot be demoted."""
    _require(actor, group, MANAGE)
    _require_active(group)
    if role not in Role.values:
        raise Invalid(_("Unknown role."), fields={"role": [_("owner, moderator or member")]})
    with transaction.atomic():
        membership = _membership_of(group, user)
        if membership.role == role:
            return membership
        if membership.role == Role.OWNER and _owner_count(group) == 1:
            raise Conflict(_("The last owner cannot be demoted: make someone else an owner "
                             "first."), code="last_owner")
        user.groups.remove(group.auth_group(membership.role))
        user.groups.add(group.auth_group(role))
        old, membership.role = membership.role, role
        membership.save(update_fields=["role"])
        _tell(user.pk, "group.role_changed", group, role=role, by=actor.username)
        audit(group, "intranet.group.role", actor=actor,
              data={"username": user.username, "from": old, "to": role})
    return membership


def member_remove(*, actor: AbstractBaseUser, group: InterestGroup,
                  user: AbstractBaseUser) -> None:
    """Remove a member: moderators remove members, owners remove anyone but the last owner."""
    if actor.pk == user.pk:
        group_leave(actor=actor, group=group)
        return
    _require(actor, group, MODERATE)
    _require_active(group)
    with transaction.atomic():
        membership = _membership_of(group, user)
        if membership.role != Role.MEMBER and MANAGE not in group_permissions(actor, group):
            raise Forbidden(_("Only owners may remove owners or moderators."))
        if membership.role == Role.OWNER and _owner_count(group) == 1:
            raise Conflict(_("The last owner cannot be removed."), code="last_owner")
        _drop_member(membership)
        _tell(user.pk, "group.removed", group, by=actor.username)
        audit(group, "intranet.group.remove", actor=actor, data={"username": user.username})


def membership_set_notifications(*, actor: AbstractBaseUser, group: InterestGroup,
                                 level: str) -> Membership:
    """How much a member hears from the group: everything, mentions, or nothing."""
    if level not in NotificationLevel.values:
        raise Invalid(_("Unknown notification level."), fields={
            "notification_level": [_("all, mentions or none")]})
    with transaction.atomic():
        membership = _membership_of(group, actor)
        membership.notification_level = level
        membership.save(update_fields=["notification_level"])
    return membership
