"""Curation rules, set by Communications."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden
from intranet.plugins.models import MANAGE_SOURCES, CurationRule


def _check(actor: AbstractBaseUser) -> None:
    if not actor.has_perm(MANAGE_SOURCES):
        raise Forbidden(_("Only Communications sets curation rules."))


def rule_save(*, actor: AbstractBaseUser, rule: CurationRule) -> CurationRule:
    _check(actor)
    created = rule.pk is None
    with transaction.atomic():
        rule.save()
        audit(rule, "intranet.brand.rule_create" if created else "intranet.brand.rule_update",
              actor=actor)
    return rule


def rule_delete(*, actor: AbstractBaseUser, rule: CurationRule) -> None:
    _check(actor)
    with transaction.atomic():
        audit(rule, "intranet.brand.rule_delete", actor=actor)
        rule.delete()
