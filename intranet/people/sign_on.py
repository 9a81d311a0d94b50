"""People's part of single sign-on (`OIDC_PERSON`): the person a provider vouches for,
found by employee id, else by e-mail address, and created with their profile on their
first sign-in. What the provider says of the fields HR owns (employee id, department,
e-mail address) is written on each sign-in, as the system, through `profile_update`."""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.accounts.sso.backend import Identity
from intranet.core.errors import Forbidden
from intranet.people.models import Department, Profile
from intranet.people.services import profile_ensure, profile_update

User = get_user_model()
NOT_IN_USERNAMES = re.compile(r"[^\w.-]")


def person_sign_on(*, identity: Identity, create: bool) -> AbstractBaseUser:
    """The active person `identity` describes, created when new if `create`; Forbidden,
    with the reason, when there is no such single person."""
    with transaction.atomic():
        user = _match(identity)
        if user is None:
            if not create:
                raise Forbidden(_("There is no account for you here yet: ask HR to add you."))
            user = User.objects.create_user(
                _free_username(identity), email=identity.email,
                first_name=identity.first_name[:150], last_name=identity.last_name[:150])
        elif not user.is_active:
            raise Forbidden(_("This account is switched off. If you think it should not "
                              "be, ask HR."))
        _update(profile_ensure(user=user), identity)
    return user


def _match(identity: Identity) -> AbstractBaseUser | None:
    if identity.employee_id:
        profile = (Profile.objects.select_related("user")
                   .filter(employee_id=identity.employee_id).first())
        if profile is not None:
            return profile.user
    if not identity.email:
        return None
    found = list(User.objects.filter(email__iexact=identity.email)[:2])
    if len(found) > 1:
        raise Forbidden(_("Several accounts have your e-mail address: ask HR to merge them."))
    if not found:
        return None
    known = Profile.objects.filter(user=found[0]).values_list("employee_id", flat=True).first()
    if identity.employee_id and known and known != identity.employee_id:
        raise Forbidden(_("Your e-mail address belongs to the account of another employee "
                          "id: ask HR."))
    return found[0]


def _free_username(identity: Identity) -> str:
    """From the provider's preferred username or the e-mail address, made unique."""
    wanted = (identity.username or identity.email or identity.employee_id).split("@")[0]
    base = NOT_IN_USERNAMES.sub("", wanted)[:140] or "person"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _update(profile: Profile, identity: Identity) -> None:
    wanted: dict[str, Any] = {}
    if identity.employee_id and profile.employee_id != identity.employee_id:
        wanted["employee_id"] = identity.employee_id
    if identity.email and profile.user.email != identity.email:
        wanted["email"] = identity.email
    if identity.department:
        name = identity.department[:150]
        if profile.department is None or profile.department.name.casefold() != name.casefold():
            wanted["department"] = (Department.objects.filter(name__iexact=name).first()
                                    or Department.objects.create(name=name))
    if wanted:
        profile_update(actor=None, profile=profile, changes=wanted)
