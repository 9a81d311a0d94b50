"""Brand sources: created and changed by Communications, with settings validated by the
connector's own form and secret settings stored encrypted, never shown again."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid
from intranet.core.secrets import seal, unseal
from intranet.groups.models import InterestGroup
from intranet.groups.selectors import readable_groups, visible_group
from intranet.people.models import Profile
from intranet.plugins.connectors.base import Connector
from intranet.plugins.connectors.registry import enabled
from intranet.plugins.models import MANAGE_SOURCES, Source

User = get_user_model()
EDITABLE = {"name", "team", "account", "group", "interval_minutes", "enabled", "settings"}


def connector_of(key: str) -> type[Connector]:
    try:
        return enabled()[key]
    except KeyError:
        raise Invalid(_("No such connector."), fields={"connector": [
            _("Choose one of: %(keys)s.") % {"keys": ", ".join(enabled()) or "-"}]}) from None


def connector_for(source: Source) -> Connector:
    """The source's connector with its settings, secrets included."""
    return connector_of(source.connector)(settings_of(source))


def settings_of(source: Source) -> dict[str, Any]:
    return {**source.settings, **unseal(source.secrets)}


def secrets_set(source: Source) -> list[str]:
    """Names of the secret settings that hold a value (their values are never shown)."""
    return sorted(name for name, value in unseal(source.secrets).items() if value)


def validate_settings(key: str, values: Any, current: dict[str, Any] | None = None
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The public and the secret settings, cleaned by the connector's form. A secret left
    empty keeps its current value: the admin and the API never send it back."""
    connector = connector_of(key)
    if not isinstance(values, dict):
        raise Invalid(_("Settings are an object."), fields={"settings": [_("Not an object.")]})
    data = dict(values)
    for name in connector.secret_fields:
        if not data.get(name) and current and current.get(name):
            data[name] = current[name]
    form = connector.settings_form(data=data)
    if not form.is_valid():
        raise Invalid(_("Some settings are not valid."), fields={
            f"settings.{name}" if name != "__all__" else "settings": [str(e) for e in errors]
            for name, errors in form.errors.items()})
    cleaned = {name: value for name, value in form.cleaned_data.items()
               if value not in (None, "")}
    public = {name: value for name, value in cleaned.items()
              if name not in connector.secret_fields}
    secret = {name: value for name, value in cleaned.items() if name in connector.secret_fields}
    return public, secret


def default_account() -> AbstractBaseUser | None:
    profile = (Profile.objects.filter(is_official=True, user__is_active=True)
               .select_related("user").order_by("pk").first())
    return profile.user if profile else None


def _check_account(account: Any) -> AbstractBaseUser:
    if isinstance(account, str):
        account = User.objects.filter(username=account).first()
    if account is None:
        account = default_account()
        if account is None:
            raise Invalid(_("There is no official account to publish as."),
                          fields={"account": [_("Mark an account as official first.")]})
    if not Profile.objects.filter(user=account, is_official=True).exists():
        raise Invalid(_("Items are published by an official account."),
                      fields={"account": [_("Not an official account.")]})
    return account


def _check_group(actor: AbstractBaseUser, group: Any) -> InterestGroup | None:
    """The group a source publishes in (by slug or as a row): one the actor may read, an
    open group or one of theirs. A secret group they are not in is "no such group", as
    if it did not exist."""
    if group in (None, ""):
        return None
    slug = group.slug if isinstance(group, InterestGroup) else group
    if visible_group(actor, slug) is None:
        raise Invalid(_("No such group."), fields={"group": [_("No such group.")]})
    found = readable_groups(actor).filter(slug=slug).first()
    if found is None:
        raise Invalid(_("Items may go to an open group or to one of your groups."),
                      fields={"group": [_("Not one of your groups.")]})
    return found


def _check_interval(minutes: Any) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 10080:
        raise Invalid(_("The polling interval is between 5 minutes and a week."),
                      fields={"interval_minutes": [_("Between 5 and 10080.")]})
    return minutes


def _check_name(name: Any) -> str:
    name = " ".join(str(name or "").split())
    if not name or len(name) > 120:
        raise Invalid(_("A source needs a name of at most 120 characters."),
                      fields={"name": [_("Between 1 and 120 characters.")]})
    return name


def source_create(*, actor: AbstractBaseUser, connector: str, name: str,
                  settings: Any, account: Any = None, group: Any = None, team: str = "",
                  interval_minutes: int = 30, enabled: bool = True) -> Source:
    if not actor.has_perm(MANAGE_SOURCES):
        raise Forbidden(_("Only Communications manages brand sources."))
    public, secret = validate_settings(connector, settings)
    with transaction.atomic():
        source = Source.objects.create(
            connector=connector, name=_check_name(name), team=str(team or "")[:120],
            account=_check_account(account), group=_check_group(actor, group),
            settings=public, secrets=seal(secret),
            interval_minutes=_check_interval(interval_minutes), enabled=bool(enabled),
            next_poll_at=timezone.now() if enabled else None)
        audit(source, "intranet.brand.source_create", actor=actor)
    return source


def source_update(*, actor: AbstractBaseUser, source: Source,
                  changes: dict[str, Any]) -> Source:
    if not actor.has_perm(MANAGE_SOURCES):
        raise Forbidden(_("Only Communications manages brand sources."))
    unknown = set(changes) - EDITABLE
    if unknown:
        raise Invalid(_("These fields cannot be changed."),
                      fields={name: [_("Not editable.")] for name in sorted(unknown)})
    if "settings" in changes:
        public, secret = validate_settings(source.connector, changes["settings"],
                                           settings_of(source))
        source.settings, source.secrets = public, seal(secret)
        source.cursor = {}  # another address or account: start afresh
    if "name" in changes:
        source.name = _check_name(changes["name"])
    if "team" in changes:
        source.team = str(changes["team"] or "")[:120]
    if "account" in changes:
        source.account = _check_account(changes["account"])
    if "group" in changes:
        slug = getattr(changes["group"], "slug", changes["group"]) or None
        if slug != (source.group.slug if source.group_id else None):
            source.group = _check_group(actor, changes["group"])
    if "interval_minutes" in changes:
        source.interval_minutes = _check_interval(changes["interval_minutes"])
    if "enabled" in changes:
        source.enabled = bool(changes["enabled"])
        if source.enabled and source.next_poll_at is None:
            source.next_poll_at = timezone.now()
    with transaction.atomic():
        source.save()
        audit(source, "intranet.brand.source_update", actor=actor,
              data={"fields": sorted(changes)})
    return source


def source_delete(*, actor: AbstractBaseUser, source: Source) -> None:
    """Delete a source and its items that never became posts; published posts stay."""
    if not actor.has_perm(MANAGE_SOURCES):
        raise Forbidden(_("Only Communications manages brand sources."))
    with transaction.atomic():
        audit(source, "intranet.brand.source_delete", actor=actor)
        source.delete()
