"""The groups' part of a person's data: memberships, requests to join and invitations;
their export, and their erasure (a group the person alone owned keeps no owner: site
administrators manage it)."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.core.personal_data import Archive, Erasure, register_personal_data
from intranet.groups.models import Invitation, JoinRequest, Membership


def export_groups(user: AbstractBaseUser, archive: Archive) -> None:
    archive.add_json("groups.json", {
        "memberships": [
            {"group": membership.group.name, "slug": membership.group.slug,
             "role": membership.role, "joined_at": membership.joined_at,
             "notifications": membership.notification_level}
            for membership in Membership.objects.filter(user=user).select_related("group")],
        "requests_to_join": [
            {"group": request.group.name, "message": request.message, "state": request.state,
             "created_at": request.created_at, "decided_at": request.decided_at}
            for request in JoinRequest.objects.filter(user=user).select_related("group")],
        "invitations": [
            {"group": invitation.group.name, "role": invitation.role,
             "state": invitation.state, "created_at": invitation.created_at}
            for invitation in Invitation.objects.filter(invitee=user).select_related("group")],
    })


def erase_groups(erasure: Erasure) -> None:
    """The person leaves every group (their per-role permissions with it)."""
    user = erasure.user
    for membership in Membership.objects.filter(user=user).select_related(
            "group__owners", "group__moderators", "group__members"):
        user.groups.remove(membership.group.auth_group(membership.role))
        membership.delete()
    JoinRequest.objects.filter(user=user).delete()
    Invitation.objects.filter(invitee=user).delete()


register_personal_data("groups", export=export_groups, erase=erase_groups, order=40)
