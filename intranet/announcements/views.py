"""The announcement page's forms: "I have read this", comments and reactions."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.services import conversation
from intranet.announcements.services.receipts import acknowledge as acknowledge_service
from intranet.core.errors import DomainError, NotFound
from intranet.feeds import views as feed_views
from intranet.feeds.inplace import asked_in_place, refusal, swap_in


@require_POST
def acknowledge(request: HttpRequest, page_id: int) -> HttpResponse:
    """"I have read this", from the page or from the home page's list (its `next`, where
    the reader goes back to)."""
    page = get_object_or_404(AnnouncementPage.objects.live(), pk=page_id)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = page.url
    try:
        acknowledge_service(user=request.user, page=page)
    except NotFound as error:
        raise Http404 from error
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Thank you: your acknowledgement is recorded."))
    return redirect(back)


def _back(request: HttpRequest, page_id: int, call, fragment, **kwargs) -> HttpResponse:
    """Run a conversation service for the announcement's page, then go back to it; asked
    in place, answer with `fragment(result)` as the feeds' buttons do."""
    page = get_object_or_404(AnnouncementPage.objects.live(), pk=page_id)
    try:
        result = call(actor=request.user, page=page, **kwargs)
    except NotFound as error:
        raise Http404 from error
    except DomainError as error:
        if asked_in_place(request):
            return refusal(error)
        messages.error(request, error.message)
    else:
        if asked_in_place(request):
            return swap_in(fragment(result))
    return redirect(f"{page.url}#conversation")


@require_POST
def comment(request: HttpRequest, page_id: int) -> HttpResponse:
    return _back(request, page_id, conversation.comment_create,
                 lambda made: feed_views.comment_card(request, made.pk),
                 body=request.POST.get("body", ""))


@require_POST
def react(request: HttpRequest, page_id: int) -> HttpResponse:
    return _back(request, page_id, conversation.reaction_set,
                 lambda post: feed_views.reactions(request, post, request.path),
                 kind=request.POST.get("kind", ""), on=request.POST.get("on") == "1")
