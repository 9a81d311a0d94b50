"""Pages of a person's data rights: exports and their own erasure request (on their
settings page), and the page where HR erases someone's data."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.core.errors import DomainError
from intranet.people import erasure, exports, selectors
from intranet.people.services import profile_ensure

User = get_user_model()


def settings_context(request: HttpRequest) -> dict:
    """What the settings page shows of the person's data, and to HR the requests."""
    return {
        "exports": [exports.export_data(export) for export in exports.exports_of(request.user)],
        "erasure": erasure.open_erasure(request.user),
        "erasure_content": settings.ERASURE_CONTENT,
        "erasures_to_decide": (list(erasure.pending_erasures())
                               if erasure.can_erase(request.user) else []),
    }


def _to_settings() -> HttpResponse:
    return redirect(reverse("people:settings") + "#your-data")


@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    exports.export_start(actor=request.user)
    messages.success(request, _("Your data is being prepared: it can be downloaded here "
                                "in a moment."))
    return _to_settings()


@require_POST
def erasure_request(request: HttpRequest) -> HttpResponse:
    """Ask for one's own erasure (ticking that one understands), or take it back."""
    action = request.POST.get("action")
    try:
        if action == "withdraw":
            erasure.erasure_withdraw(actor=request.user)
            messages.success(request, _("You took back your request."))
        elif action == "request" and request.POST.get("confirm"):
            erasure.erasure_ask(actor=request.user)
            messages.success(request, _("Your request was sent to HR, who will confirm it."))
        else:
            messages.error(request, _("Tick the box to confirm that you understand."))
    except DomainError as error:
        messages.error(request, error.message)
    return _to_settings()


def erase(request: HttpRequest, username: str) -> HttpResponse:
    """HR erases a person's data, or declines their request; others find nothing here."""
    person = User.objects.filter(username=username).first()
    if person is None or not erasure.can_erase(request.user):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                erasure.erasure_decline(actor=request.user, person=person)
                messages.success(request, _("The request was declined."))
                return _to_settings()
            if action == "erase" and request.POST.get("confirm"):
                erasure.erasure_approve(actor=request.user, person=person)
                messages.success(request, _("The account is closed; the data is being "
                                            "erased."))
                return _to_settings()
            messages.error(request, _("Tick the box to confirm that you understand."))
        except DomainError as error:
            messages.error(request, error.message)
    return render(request, "people/erase.html", {
        "person": selectors.person_view(request.user, profile_ensure(user=person)),
        "erased": person.erased_at is not None,
        "erasure": erasure.open_erasure(person),
        "is_me": person.pk == request.user.pk,
        "erasure_content": settings.ERASURE_CONTENT,
    })
