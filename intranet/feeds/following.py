"""The follow and block buttons' actions: following a topic, a person or a thread, and
blocking a person. Pressed in place, each answers with its fresh button
(`feeds/_switch.html`); otherwise it goes back to the page it was on."""

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from intranet.feeds import selectors
from intranet.feeds.inplace import run_action
from intranet.feeds.services import social
from intranet.feeds.switches import switch_context


def _switched(request: HttpRequest, kind: str, change) -> HttpResponse | None:
    on = request.POST.get("on") == "1"
    return run_action(request, lambda: change(on), fragment=lambda _result: render(
        request, "feeds/_switch.html", switch_context(kind, request.path, on)))


@require_POST
def topic_follow(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.topic_for(request.user, slug)
    if found is None:
        raise Http404
    return _switched(request, "topic", lambda on: social.follow_topic(
        actor=request.user, topic=found, on=on)) or redirect("feeds:topic", slug=found.slug)


@require_POST
def person_follow(request: HttpRequest, username: str, block: bool = False) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username)
    change = social.block_person if block else social.follow_person
    return _switched(request, "block" if block else "person", lambda on: change(
        actor=request.user, person=person, on=on)) or redirect(
        "people:profile", username=person.username)


@require_POST
def thread_follow(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(request.user, post_id)
    if post is None:
        raise Http404
    return _switched(request, "thread", lambda on: social.follow_thread(
        actor=request.user, post=post, on=on)) or redirect("feeds:post", post_id=post.pk)
