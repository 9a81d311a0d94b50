"""Moderation rules: written by community managers (anywhere) and by a group's owners
and moderators (in their groups: pre-approval is a rule with no condition), checked
before they are stored so that the engine never meets a rule it cannot run."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid
from intranet.core.rules import InvalidPattern, compile_pattern
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.groups.models import InterestGroup
from intranet.moderation.models import ModerationRule, RuleAction
from intranet.moderation.selectors import moderated_group_ids

LISTS = ("words", "phrases", "exceptions", "domains")
SWITCHES = ("has_links", "has_images", "muted_authors")
COUNTS = {"new_authors_days": 3650, "first_posts": 1000}
CONDITIONS = (*LISTS, "pattern", *SWITCHES, *COUNTS, "rate")
MAX_ITEMS, MAX_ITEM, MAX_PATTERN = 500, 200, 500


def _count(value: Any, top: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top


def clean_conditions(conditions: Any) -> dict:
    """The conditions object, checked field by field; Invalid names every bad field."""
    if conditions is None:
        return {}
    if not isinstance(conditions, dict):
        raise Invalid(_("Conditions are an object."), fields={"conditions": [
            _("An object such as {\"words\": [\"...\"]}.")]})
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name, value in conditions.items():
        field = f"conditions.{name}"
        if name not in CONDITIONS:
            errors[field] = [_("Unknown condition.")]
        elif value is None or value == []:
            continue
        elif name in LISTS:
            if not (isinstance(value, list) and len(value) <= MAX_ITEMS and all(
                    isinstance(item, str) and 0 < len(item.strip()) <= MAX_ITEM
                    for item in value)):
                errors[field] = [_("A list of at most %(items)s texts of %(length)s "
                                   "characters at most.") % {"items": MAX_ITEMS,
                                                             "length": MAX_ITEM}]
            else:
                clean[name] = [item.strip() for item in value]
        elif name == "pattern":
            if not isinstance(value, str) or not 0 < len(value) <= MAX_PATTERN:
                errors[field] = [_("A pattern of %(max)s characters at most.") % {
                    "max": MAX_PATTERN}]
            else:
                try:
                    compile_pattern(value)
                except InvalidPattern as error:
                    errors[field] = [_("Not a pattern: %(error)s") % {"error": error}]
                else:
                    clean[name] = value
        elif name in SWITCHES:
            if not isinstance(value, bool):
                errors[field] = [_("true, false or null.")]
            else:
                clean[name] = value
        elif name in COUNTS:
            if not _count(value, COUNTS[name]):
                errors[field] = [_("A whole number from 1 to %(max)s.") % {
                    "max": COUNTS[name]}]
            else:
                clean[name] = value
        elif not (isinstance(value, dict) and set(value) == {"posts", "minutes"}
                  and _count(value["posts"], 1000) and _count(value["minutes"], 1440)):
            errors[field] = [_("{\"posts\": n, \"minutes\": m}: n from 1 to 1000, m from "
                               "1 to 1440.")]
        else:
            clean[name] = {"posts": value["posts"], "minutes": value["minutes"]}
    if errors:
        raise Invalid(_("Some conditions are not valid."), fields=errors)
    return clean


def may_manage(user: AbstractBaseUser, group: InterestGroup | None) -> bool:
    if user.has_perm(MODERATE_EVERYWHERE):
        return True
    return group is not None and group.pk in moderated_group_ids(user)


def rule_build(*, actor: AbstractBaseUser, name: str, action: str,
               group: InterestGroup | None = None, conditions: Any = None, reply: str = "",
               enabled: bool = False, position: int = 0,
               rule: ModerationRule | None = None) -> ModerationRule:
    """A rule checked and ready to save (or to try), unsaved."""
    if not may_manage(actor, group) or (rule is not None and not may_manage(actor,
                                                                            rule.group)):
        raise Forbidden(_("Community managers set rules everywhere; a group's owners and "
                          "moderators in their group."))
    name, reply = (name or "").strip(), (reply or "").strip()
    errors = {}
    if not name or len(name) > 120:
        errors["name"] = [_("Required, 120 characters at most.")]
    if action not in RuleAction.values:
        errors["action"] = [_("One of: %(actions)s.") % {"actions": ", ".join(
            RuleAction.values)}]
    if action == RuleAction.REPLY and not reply:
        errors["reply"] = [_("The guidance message the rule replies with.")]
    if len(reply) > 2000:
        errors["reply"] = [_("2000 characters at most.")]
    if errors:
        raise Invalid(_("Some fields are not valid."), fields=errors)
    rule = rule or ModerationRule(created_by=actor)
    rule.name, rule.action, rule.group, rule.reply = name, action, group, reply
    rule.conditions, rule.enabled, rule.position = clean_conditions(conditions), enabled, \
        position
    return rule


def rule_save(*, actor: AbstractBaseUser, rule: ModerationRule) -> ModerationRule:
    with transaction.atomic():
        created = rule.pk is None
        rule.save()
        audit(rule, "intranet.moderation.rule", actor=actor, data={
            "created": created, "name": rule.name, "enabled": rule.enabled,
            "action": rule.action, "conditions": rule.conditions})
    return rule


def rule_delete(*, actor: AbstractBaseUser, rule: ModerationRule) -> None:
    if not may_manage(actor, rule.group):
        raise Forbidden(_("Community managers set rules everywhere; a group's owners and "
                          "moderators in their group."))
    with transaction.atomic():
        audit(rule, "intranet.moderation.rule_delete", actor=actor, data={"name": rule.name})
        rule.delete()
