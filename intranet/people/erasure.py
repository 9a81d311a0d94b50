"""Erasing a person's data: HR erases a leaver, or a person asks for their own erasure
and an HR colleague confirms it (nobody confirms their own: an HR person's request waits
for another). Once confirmed the account closes at once; the data goes in the background,
each app erasing its part (`intranet.core.personal_data`) in one transaction. Their posts
and comments stay as "Former employee" or go, as ERASURE_CONTENT says."""

import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intranet.accounts.personal_data import close_account
from intranet.core.audit import audit
from intranet.core.errors import Conflict, Forbidden, NotFound
from intranet.core.personal_data import Erasure, sections
from intranet.people.models import OPEN_ERASURE, ErasureRequest, ErasureState, Profile
from intranet.people.services import profile_ensure

ERASE_PERMISSION = "intranet_people.erase_person"
SHORTEST_NAME = 3  # shorter names are not looked for in stored text: too many false hits


def can_erase(actor: AbstractBaseUser) -> bool:
    return actor.is_authenticated and actor.has_perm(ERASE_PERMISSION)


def open_erasure(person: AbstractBaseUser) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(person=person, state__in=OPEN_ERASURE).first()


def pending_erasures() -> QuerySet[ErasureRequest]:
    """Requests waiting for HR, oldest first."""
    return (ErasureRequest.objects.filter(state=ErasureState.REQUESTED)
            .select_related("person").order_by("created_at"))


def _check_erasable(person: AbstractBaseUser) -> None:
    if person.erased_at is not None:
        raise Conflict(_("This person's data has already been erased."), code="erased")
    if person.is_superuser:
        raise Conflict(_("Administrators cannot be erased: withdraw their rights first."),
                       code="administrator")
    if Profile.objects.filter(user=person, is_official=True).exists():
        raise Conflict(_("An official account speaks for the company: it cannot be erased."),
                       code="official_account")


def erasure_ask(*, actor: AbstractBaseUser) -> ErasureRequest:
    """The actor asks for their own erasure (again: the request already open)."""
    _check_erasable(actor)
    with transaction.atomic():
        found = ErasureRequest.objects.select_for_update().filter(
            person=actor, state__in=OPEN_ERASURE).first()
        if found is not None:
            return found
        request = ErasureRequest.objects.create(person=actor, requested_by=actor)
        audit(profile_ensure(user=actor), "intranet.profile.erasure_request", actor=actor)
    return request


def erasure_withdraw(*, actor: AbstractBaseUser) -> ErasureRequest:
    """The actor takes back their request, while HR has not confirmed it."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(
            person=actor, state__in=OPEN_ERASURE).first()
        if request is None:
            raise NotFound(_("You have not asked for your erasure."))
        if request.state != ErasureState.REQUESTED:
            raise Conflict(_("HR has confirmed it: your data is being erased."),
                           code="erasing")
        request.state = ErasureState.WITHDRAWN
        request.save(update_fields=["state"])
        audit(profile_ensure(user=actor), "intranet.profile.erasure_withdraw", actor=actor)
    return request


def _decide(actor: AbstractBaseUser, person: AbstractBaseUser) -> None:
    if not can_erase(actor):
        raise Forbidden(_("Only HR erases people's data."))
    if actor.pk == person.pk:
        raise Forbidden(_("Another HR colleague must confirm your own erasure."))


def erasure_approve(*, actor: AbstractBaseUser, person: AbstractBaseUser) -> ErasureRequest:
    """HR erases `person`: confirms their request, or starts an erasure of their own."""
    _decide(actor, person)
    _check_erasable(person)
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(
            person=person, state__in=OPEN_ERASURE).first()
        if request is None:
            request = ErasureRequest.objects.create(person=person, requested_by=actor)
        elif request.state == ErasureState.APPROVED:
            return request
        request.state, request.content = ErasureState.APPROVED, settings.ERASURE_CONTENT
        request.decided_by, request.decided_at = actor, timezone.now()
        request.save(update_fields=["state", "content", "decided_by", "decided_at"])
        close_account(person)
        audit(profile_ensure(user=person), "intranet.profile.erasure_approve", actor=actor,
              data={"content": request.content})
        transaction.on_commit(lambda: _erase_soon(request.pk))
    return request


def _erase_soon(request_id: int) -> None:
    from intranet.people.tasks import erase_person

    erase_person.enqueue(request_id)


def erasure_decline(*, actor: AbstractBaseUser, person: AbstractBaseUser) -> ErasureRequest:
    """HR turns down a person's request (it was a mistake, or the data must be kept)."""
    _decide(actor, person)
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(
            person=person, state=ErasureState.REQUESTED).first()
        if request is None:
            raise NotFound(_("This person has not asked for their erasure."))
        request.state, request.decided_by = ErasureState.DECLINED, actor
        request.decided_at = timezone.now()
        request.save(update_fields=["state", "decided_by", "decided_at"])
        audit(profile_ensure(user=person), "intranet.profile.erasure_decline", actor=actor)
    return request


def erasure_post(*, actor: AbstractBaseUser, person: AbstractBaseUser) -> ErasureRequest:
    """`POST .../erase/`: a person asks for their own erasure, HR erases someone else."""
    if actor.pk == person.pk:
        return erasure_ask(actor=actor)
    return erasure_approve(actor=actor, person=person)


def erase(request_id: int) -> str:
    """Run a confirmed erasure: every app's part, then the account, in one transaction
    (retried whole if it fails), and an audit entry."""
    with transaction.atomic():
        # Locked, so that a second run of the job (its worker thought lost) waits, then
        # finds it done.
        request = ErasureRequest.objects.select_for_update(of=("self",)).select_related(
            "person", "decided_by").filter(pk=request_id, state=ErasureState.APPROVED).first()
        if request is None:
            return "gone"
        person = request.person
        with translation.override(settings.LANGUAGE_CODE):
            label = _("Former employee")
        names = {person.display_name, person.get_full_name()} - {"", person.username}
        erasure = Erasure(user=person, username=person.username,
                          names=tuple(sorted((n for n in names if len(n) >= SHORTEST_NAME),
                                             key=len, reverse=True)),
                          pseudonym=f"former-{uuid.uuid4().hex[:12]}", label=label,
                          delete_content=request.content == "delete")
        for section in sections():
            if section.erase is not None:
                section.erase(erasure)
        request.state, request.finished_at = ErasureState.DONE, timezone.now()
        request.save(update_fields=["state", "finished_at"])
        audit(person, "intranet.profile.erase", actor=request.decided_by,
              data={"content": request.content})
    return ErasureState.DONE
