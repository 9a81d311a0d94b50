"""People in the Wagtail admin (profiles, departments, locations), their audit actions,
home-page panels and demo data."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_people_log_actions(actions) -> None:
    actions.register_action("intranet.profile.edit", _("Edit profile"), _("Profile edited"))
    actions.register_action("intranet.profile.privacy", _("Change privacy"),
                            _("Privacy settings changed"))
    actions.register_action("intranet.profile.leave", _("Leave the company"),
                            _("Marked as a former employee"))
    actions.register_action("intranet.profile.return", _("Rejoin the company"),
                            _("Marked as a current employee again"))
    actions.register_action("intranet.profile.import", _("Import"),
                            _("Created or updated by the HR import"))
    actions.register_action("intranet.profile.scim", _("Provisioning"),
                            _("Created or updated by the company directory (SCIM)"))
    actions.register_action("intranet.personal_data.export", _("Export personal data"),
                            _("Personal data export asked for"))
    actions.register_action("intranet.profile.erasure_request", _("Ask for erasure"),
                            _("Erasure of personal data asked for"))
    actions.register_action("intranet.profile.erasure_withdraw", _("Withdraw erasure request"),
                            _("Erasure request withdrawn"))
    actions.register_action("intranet.profile.erasure_approve", _("Confirm erasure"),
                            _("Erasure confirmed: account closed"))
    actions.register_action("intranet.profile.erasure_decline", _("Decline erasure"),
                            _("Erasure request declined"))
    actions.register_action("intranet.profile.erase", _("Erase personal data"),
                            _("Personal data erased"))


@hooks.register("home_panels")
def my_team_panel(request):
    from intranet.core.home_panels import HomePanel
    from intranet.people.selectors import my_team, person_views

    team = my_team(request.user)
    if not team:
        return None
    return HomePanel(title=_("My team"), template="people/panels/people.html",
                     context={"people": person_views(request.user, team)}, order=40)


@hooks.register("home_panels")
def new_colleagues_panel(request):
    from intranet.core.home_panels import HomePanel
    from intranet.people.selectors import new_colleagues, person_views

    newcomers = new_colleagues(request.user)
    if not newcomers:
        return None
    return HomePanel(title=_("New colleagues"), template="people/panels/people.html",
                     context={"people": person_views(request.user, newcomers)}, order=50)


@hooks.register("seed_demo", order=20)
def seed_people(*, password: str, stdout) -> None:
    from intranet.people.demo import seed_people as seed

    seed(password=password, stdout=stdout)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    from intranet.people.admin_views import PeopleViewSetGroup

    return PeopleViewSetGroup()
