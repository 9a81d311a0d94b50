"""The feeds' places on other pages (home, group, profile), audit actions, demo data."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_feed_log_actions(actions) -> None:
    actions.register_action("intranet.post.moderate_edit", _("Edit a post as moderator"),
                            _("Post edited by a moderator"))
    actions.register_action("intranet.post.moderate_delete", _("Delete a post as moderator"),
                            _("Post deleted by a moderator"))
    actions.register_action("intranet.post.pin", _("Pin or unpin"), _("Post pinned or unpinned"))
    actions.register_action("intranet.post.lock", _("Lock or unlock"),
                            _("Thread locked or unlocked"))
    actions.register_action("intranet.post.official_publish", _("Publish as official account"),
                            _("Published as the official account"))
    actions.register_action("intranet.post.official_edit", _("Edit an official post"),
                            _("Official post edited"))
    actions.register_action("intranet.post.official_remove", _("Remove an official post"),
                            _("Official post removed"))
    actions.register_action("intranet.post.official_reply", _("Reply as official account"),
                            _("Replied as the official account"))


@hooks.register("home_panels")
def home_feed_panel(request):
    from intranet.core.home_panels import HomePanel
    from intranet.feeds import selectors
    from intranet.feeds.views import composer_context, feed_context

    feed = selectors.home_feed(request.user)
    return HomePanel(title=_("Feed"), template="feeds/panels/feed.html", region="main",
                     order=10, context={
                         **composer_context(request),
                         **feed_context(request, feed,
                                        pinned=selectors.pinned_posts(request.user, feed)),
                         "feed_name": "home"})


@hooks.register("group_page_panels")
def group_feed_panel(request, group):
    from intranet.core.home_panels import HomePanel
    from intranet.feeds import selectors
    from intranet.feeds.views import MUTE_CHOICES, composer_context, feed_context

    feed = selectors.group_feed(request.user, group)
    return HomePanel(title=_("Posts"), template="feeds/panels/feed.html", region="main",
                     context={**composer_context(request, group),
                              **feed_context(request, feed,
                                             pinned=selectors.pinned_posts(request.user, feed)),
                              "feed_name": "group", "feed_group": group,
                              "feed_group_member": group.memberships.filter(
                                  user_id=request.user.pk).exists(),
                              "group_muted": selectors.is_muted_exactly(
                                  request.user.pk, group_id=group.pk),
                              "mute_choices": MUTE_CHOICES})


@hooks.register("profile_panels")
def person_posts_panel(request, profile):
    from intranet.core.home_panels import HomePanel
    from intranet.feeds import selectors
    from intranet.feeds.models import Block, PersonFollow
    from intranet.feeds.views import feed_context

    person = profile.user
    return HomePanel(title=_("Posts"), template="feeds/panels/person.html", region="main",
                     context={**feed_context(request, selectors.person_posts(request.user,
                                                                             person)),
                              "person": person, "feed_name": "person",
                              "following": PersonFollow.objects.filter(
                                  follower=request.user, followed=person).exists(),
                              "blocking": Block.objects.filter(
                                  blocker=request.user, blocked=person).exists()})


@hooks.register("settings_panels")
def notification_settings_panel(request):
    from django.utils import timezone

    from intranet.core.home_panels import HomePanel
    from intranet.feeds.forms import NotificationSettingsForm
    from intranet.feeds.services.notifications import settings_of
    from intranet.feeds.views import MUTE_CHOICES

    preferences = settings_of(request.user.pk)
    # The form as sent, with its errors, when the settings view refused it.
    form = getattr(request, "notification_settings_form", None) or NotificationSettingsForm(
        initial={name: getattr(preferences, name) for name in NotificationSettingsForm.base_fields})
    return HomePanel(title=_("Notifications"),
                     template="feeds/panels/notification_settings.html",
                     context={"form": form, "mute_choices": MUTE_CHOICES,
                              "muted_until": preferences.muted_until,
                              "time_zone": timezone.get_default_timezone_name()})


@hooks.register("seed_demo", order=40)
def seed_posts(*, password: str, stdout) -> None:
    from intranet.feeds.demo import seed_posts as seed

    seed(stdout=stdout)
