"""Groups in the Wagtail admin, their audit actions, the home panel and demo data."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_group_log_actions(actions) -> None:
    for action, label, message in [
        ("intranet.group.create", _("Create group"), _("Group created")),
        ("intranet.group.edit", _("Edit group"), _("Group edited")),
        ("intranet.group.archive", _("Archive group"), _("Group archived")),
        ("intranet.group.unarchive", _("Unarchive group"), _("Group brought back")),
        ("intranet.group.join", _("Join group"), _("Joined the group")),
        ("intranet.group.request", _("Ask to join"), _("Asked to join")),
        ("intranet.group.request_decided", _("Decide a request"), _("Join request decided")),
        ("intranet.group.leave", _("Leave group"), _("Left the group")),
        ("intranet.group.invite", _("Invite"), _("Invited to the group")),
        ("intranet.group.role", _("Change role"), _("Role in the group changed")),
        ("intranet.group.remove", _("Remove member"), _("Removed from the group")),
    ]:
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_group_viewset():
    from intranet.groups.admin_views import GroupViewSet

    return GroupViewSet()


@hooks.register("home_panels")
def my_groups_panel(request):
    from intranet.core.home_panels import HomePanel
    from intranet.groups.models import InvitationState
    from intranet.groups.selectors import group_listing

    groups = list(group_listing(request.user, mine=True)[:8])
    invitations = list(request.user.group_invitations.filter(state=InvitationState.PENDING)
                       .select_related("group", "invited_by")[:5])
    return HomePanel(title=_("My groups"), template="groups/panels/my_groups.html",
                     context={"groups": groups, "invitations": invitations}, order=30)


@hooks.register("seed_demo", order=30)
def seed_groups(*, password: str, stdout) -> None:
    from intranet.groups.demo import seed_groups as seed

    seed(stdout=stdout)
