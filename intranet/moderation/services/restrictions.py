"""Mutes and suspensions: a muted person reads but neither posts nor comments, in one
group or company-wide, until a time; a suspended account signs out everywhere at once."""

from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.core.events import publish_event
from intranet.feeds.models import NotificationKind
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.services.notifications import notify
from intranet.groups.models import InterestGroup
from intranet.moderation.models import Action, Case, Restriction
from intranet.moderation.selectors import moderated_group_ids
from intranet.moderation.services.decisions import record

LONGEST_MUTE = timedelta(days=365)


def active_restriction(user: AbstractBaseUser, group: InterestGroup | None
                       ) -> Restriction | None:
    """The mute that stops `user` writing in `group` (None: company-wide content) now."""
    if not user.is_authenticated:
        return None
    scope = Q(group__isnull=True) | Q(group=group) if group is not None \
        else Q(group__isnull=True)
    return (Restriction.objects.filter(scope, user_id=user.pk, until__gt=timezone.now())
            .order_by("-until").first())


def posting_refusal(user: AbstractBaseUser, group: InterestGroup | None) -> str | None:
    """Why `user` may not post or comment there (the feeds' posting check)."""
    muted = active_restriction(user, group)
    if muted is None:
        return None
    until = formats.date_format(timezone.localtime(muted.until), "DATETIME_FORMAT")
    if muted.reason:
        return _("You are muted until %(until)s: %(reason)s") % {"until": until,
                                                                 "reason": muted.reason}
    return _("You are muted until %(until)s.") % {"until": until}


def mute(*, actor: AbstractBaseUser, user: AbstractBaseUser, group: InterestGroup | None,
         until: datetime, reason: str, case: Case | None = None) -> Restriction:
    """Mute `user` in `group` (a group `actor` moderates) or company-wide (community
    managers) until `until`, at most a year ahead."""
    everywhere = actor.has_perm(MODERATE_EVERYWHERE)
    if not everywhere and (group is None or group.pk not in moderated_group_ids(actor)):
        raise Forbidden(_("Only community managers mute company-wide; group moderators "
                          "mute in their groups."))
    if user.pk == actor.pk or not user.is_active:
        raise NotFound(_("No such person."))
    now = timezone.now()
    if until <= now or until > now + LONGEST_MUTE:
        raise Invalid(_("A mute ends in the future, within a year."),
                      fields={"until": [_("Between now and a year from now.")]})
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise Invalid(_("Say why, in 500 characters at most: the person is told."),
                      fields={"reason": [_("Required, 500 characters at most.")]})
    with transaction.atomic():
        restriction = Restriction.objects.create(user=user, group=group, until=until,
                                                 reason=reason, created_by=actor)
        data = {"group": group.slug if group else None, "until": until.isoformat()}
        record(case=case, actor=actor, action=Action.MUTE, reason=reason, subject=user,
               data=data, about=restriction)
        notify(user, NotificationKind.MODERATION, actor=None, data={
            "role": "author", "action": Action.MUTE, "reason": reason, **data})
        # Open pages of the person stop offering to write at once.
        publish_event(stream=f"user:{user.pk}", type="person.muted", data=data,
                      audience=[f"user:{user.pk}"])
    return restriction


def suspend(*, actor: AbstractBaseUser, user: AbstractBaseUser, reason: str,
            case: Case | None = None) -> None:
    """Switch an account off (staff only): its sessions, tokens and sockets end at once."""
    if not actor.is_staff:
        raise Forbidden(_("Only staff suspend accounts."))
    if user.pk == actor.pk or not user.is_active:
        raise NotFound(_("No such person."))
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise Invalid(_("Say why, in 500 characters at most."),
                      fields={"reason": [_("Required, 500 characters at most.")]})
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(case=case, actor=actor, action=Action.SUSPEND, reason=reason, subject=user)
