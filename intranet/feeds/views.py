"""Pages of the feeds: posts and their threads, topics, notifications; and the actions
behind their buttons, which redirect back where they came from, or, asked in place by
the page's script, answer with the fragment that changed."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.errors import DomainError, Invalid
from intranet.feeds import selectors
from intranet.feeds.extensions import post_subject
from intranet.feeds.forms import CommentForm, NotificationSettingsForm, PostForm
from intranet.feeds.inplace import asked_in_place, refusal, swap_in
from intranet.feeds.models import Comment, Post, TopicFollow
from intranet.feeds.permissions import can_moderate, can_post_in
from intranet.feeds.services import comments as comment_services
from intranet.feeds.services import notifications as notification_services
from intranet.feeds.services import posts as post_services
from intranet.feeds.services import social
from intranet.groups.models import InterestGroup
from intranet.groups.selectors import visible_group

FEED_PAGE = 20
MUTE_CHOICES = [(60, gettext_lazy("for an hour")), (8 * 60, gettext_lazy("for 8 hours")),
                (24 * 60, gettext_lazy("for a day")), (7 * 24 * 60, gettext_lazy("for a week"))]


def _back(request: HttpRequest, fallback: str = "/") -> HttpResponse:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


def _act(request: HttpRequest, action, success: str | None = None, *,
         fragment=None) -> HttpResponse | None:
    """Run a form's action. Asked in place (the buttons of posts and comments), answer at
    once with the fragment to swap in (`fragment(result)`; 204 without one) or the error;
    otherwise leave a message and return None, for the caller's redirect."""
    try:
        result = action()
    except DomainError as error:
        if asked_in_place(request):
            return refusal(error)
        messages.error(request, error.message)
        return None
    if asked_in_place(request):
        return swap_in(fragment(result) if fragment else HttpResponse(status=204))
    if success:
        messages.success(request, success)
    return None


def _confirmed(request: HttpRequest) -> bool:
    """Deleting asks first: the page's script asks in a dialog and says `confirmed`;
    without a script, this page asks."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def feed_context(request: HttpRequest, posts, *, pinned=()) -> dict:
    """A page of post cards, with what the buttons on them need, in constant queries."""
    before = request.GET.get("before")
    page = selectors.with_page_data(posts.exclude(pk__in=[p.pk for p in pinned]))
    if before and before.isdigit():
        # Keyset on (published_at, id), the order of the page: a scheduled post has an
        # older id than posts published before it, so ids alone would skip or repeat.
        anchor = Post.objects.filter(pk=int(before)).values_list("published_at", flat=True)
        published_at = anchor.first()
        if published_at is None:
            page = page.filter(pk__lt=int(before))
        else:
            page = page.filter(Q(published_at__lt=published_at)
                               | Q(published_at=published_at, pk__lt=int(before)))
    page = list(page.order_by("-published_at", "-id")[:FEED_PAGE + 1])
    more = len(page) > FEED_PAGE
    shown = (list(pinned) if not before else []) + page[:FEED_PAGE]
    return {"posts": shown, "mine": selectors.my_reactions(request.user, shown),
            "moderation": selectors.moderation_of(request.user),
            "next_before": page[FEED_PAGE - 1].pk if more else None}


def composer_context(request: HttpRequest, group: InterestGroup | None = None) -> dict:
    return {"post_form": PostForm(), "composer_group": group,
            "postable_groups": [] if group else list(selectors.postable_groups(request.user)),
            "can_post_company_wide": can_post_in(request.user, None),
            "can_post_here": can_post_in(request.user, group) if group else True}


@require_POST
def post_create(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(request)
    data = form.cleaned_data
    group = None
    if data["group"]:
        group = visible_group(request.user, data["group"])
        if group is None:
            raise Http404
    _act(request, lambda: post_services.post_create(
        actor=request.user, body=data["body"], group=group, images=data["images"],
        publish_at=data["publish_at"], is_question=data["is_question"]),
        _("Scheduled.") if data["publish_at"] else None)
    return _back(request)


def _post(request: HttpRequest, post_id: int) -> Post:
    post = selectors.post_for(request.user, post_id)
    if post is None:
        raise Http404
    return post


def _comment_of(post: Post, comment_id: str) -> Comment:
    """A comment of `post` named in a form; 404 for anything else, typed nonsense included."""
    if not comment_id.isdigit():
        raise Http404
    return get_object_or_404(Comment, pk=int(comment_id), post=post, deleted_at__isnull=True)


def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    subject = post_subject(post.subject_type)
    if subject is not None:  # a conversation is read where its subject is shown
        return redirect(subject.url(post.subject_id) + "#comments")
    return render(request, "feeds/post_detail.html", {
        "post": post, "threads": selectors.threads_of(request.user, post),
        "mine": selectors.my_reactions(request.user, [post]),
        "moderation": selectors.moderation_of(request.user),
        "mute_choices": MUTE_CHOICES,
        "thread_muted": selectors.is_muted_exactly(request.user.pk, post_id=post.pk)})


def post_card(request: HttpRequest, post_id: int) -> HttpResponse:
    """One post's card, for pages that show posts as they arrive or change."""
    post = _post(request, post_id)
    return render(request, "feeds/_post.html", {
        "post": post, "mine": selectors.my_reactions(request.user, [post]),
        "moderation": selectors.moderation_of(request.user)})


def reactions(request: HttpRequest, post: Post, action: str) -> HttpResponse:
    """A post's reaction buttons as they are now, for the reader who just pressed one."""
    post = _post(request, post.pk)
    return render(request, "feeds/_reactions.html", {
        "post": post, "mine": selectors.my_reactions(request.user, [post]), "action": action})


def comment_card(request: HttpRequest, comment_id: int) -> HttpResponse:
    """One comment, for threads that show comments as they arrive."""
    comment = selectors.comment_for(request.user, comment_id)
    if comment is None or comment.deleted_at is not None:
        raise Http404
    return render(request, "feeds/_comment.html", {
        "comment": comment, "post": comment.post, "reply": comment.parent_id is not None})


@require_POST
def comment_create(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"], post=post).first()
        answered = _act(request, lambda: comment_services.comment_create(
            actor=request.user, post=post, body=form.cleaned_data["body"], parent=parent),
            fragment=lambda comment: comment_card(request, comment.pk))
        if answered:
            return answered
    elif asked_in_place(request):
        return refusal(Invalid(_("Write something first.")))
    else:
        messages.error(request, _("Write something first."))
    return redirect("feeds:post", post_id=post.pk)


@require_POST
def react(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    kind = request.POST.get("kind", "")
    comment = None
    if request.POST.get("comment"):
        comment = _comment_of(post, request.POST["comment"])
    on = request.POST.get("on") == "1"
    return _act(request, lambda: comment_services.reaction_set(
        actor=request.user, post=post, comment=comment, kind=kind, on=on),
        fragment=lambda _result: reactions(request, post, request.path)) or _back(request)


def _edit(request: HttpRequest, *, body: str, save, fragment, kind: str,
          back: str) -> HttpResponse:
    """Editing a post or a comment. GET shows the form: a page, or, asked in place, the
    form alone to put under the text. POST saves it: in place, the fresh card comes back;
    otherwise a redirect. A refused text is shown again with its error, never lost."""
    error, status = None, 200
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            result = save(body)
        except DomainError as refused:
            if asked_in_place(request):
                return refusal(refused)
            error, status = refused.message, refused.status
        else:
            if asked_in_place(request):
                return swap_in(fragment(result))
            messages.success(request, _("Your changes have been saved."))
            return redirect(back)
    context = {"body": body, "kind": kind, "back": back, "error": error,
               "action": request.path}
    if asked_in_place(request):
        return swap_in(render(request, "feeds/_edit_form.html", context))
    return render(request, "feeds/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    if post.author_id != request.user.pk and not can_moderate(request.user, post):
        raise PermissionDenied
    return _edit(request, body=post.body, kind="post",
                 back=reverse("feeds:post", args=[post.pk]),
                 save=lambda body: post_services.post_edit(
                     actor=request.user, post=post, body=body),
                 fragment=lambda _result: post_card(request, post.pk))


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for(request.user, comment_id)
    if comment is None or comment.deleted_at is not None:
        raise Http404
    if comment.author_id != request.user.pk and not can_moderate(request.user, comment.post):
        raise PermissionDenied
    return _edit(request, body=comment.body, kind="comment-edit",
                 back=reverse("feeds:post", args=[comment.post_id]) + f"#comment-{comment.pk}",
                 save=lambda body: comment_services.comment_edit(
                     actor=request.user, comment=comment, body=body),
                 fragment=lambda _result: comment_card(request, comment.pk))


@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    if not _confirmed(request):
        return render(request, "feeds/confirm_delete.html", {
            "question": _("Delete this post?"), "quote": post.body,
            "back": reverse("feeds:post", args=[post.pk])})
    return _act(request, lambda: post_services.post_delete(actor=request.user, post=post),
                _("The post has been deleted.")) or redirect("/")


@require_POST
def post_toggle(request: HttpRequest, post_id: int, what: str) -> HttpResponse:
    post = _post(request, post_id)
    on = request.POST.get("on") == "1"
    change = {"pin": lambda: post_services.post_pin(actor=request.user, post=post, pinned=on),
              "lock": lambda: post_services.post_lock(actor=request.user, post=post, locked=on)}
    if what not in change:
        raise Http404
    return _act(request, change[what],
                fragment=lambda _result: post_card(request, post.pk)) or _back(request)


@require_POST
def best_answer(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    comment = _comment_of(post, request.POST.get("comment", ""))
    _act(request, lambda: post_services.post_mark_best_answer(
        actor=request.user, post=post, comment=comment), _("Marked as the best answer."))
    return redirect("feeds:post", post_id=post.pk)


@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for(request.user, comment_id)
    if comment is None:
        raise Http404
    if not _confirmed(request):
        return render(request, "feeds/confirm_delete.html", {
            "question": _("Delete this comment?"), "quote": comment.body,
            "back": reverse("feeds:post", args=[comment.post_id]) + f"#comment-{comment.pk}"})
    return _act(request, lambda: comment_services.comment_delete(
        actor=request.user, comment=comment)) or redirect("feeds:post", post_id=comment.post_id)


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.topic_for(request.user, slug)
    if found is None:
        raise Http404
    return render(request, "feeds/topic.html", {
        "topic": found, **feed_context(request, selectors.topic_feed(request.user, found)),
        "following": TopicFollow.objects.filter(user=request.user, topic=found).exists()})


@require_POST
def topic_follow(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.topic_for(request.user, slug)
    if found is None:
        raise Http404
    social.follow_topic(actor=request.user, topic=found, on=request.POST.get("on") == "1")
    return redirect("feeds:topic", slug=found.slug)


def notifications(request: HttpRequest) -> HttpResponse:
    items = list(selectors.notifications_for(request.user)[:100])
    return render(request, "feeds/notifications.html", {"notifications": items})


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notification_services.notifications_mark_read(actor=request.user)
    return redirect("feeds:notifications")


@require_POST
def person_follow(request: HttpRequest, username: str, block: bool = False) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username)
    change = social.block_person if block else social.follow_person
    _act(request, lambda: change(actor=request.user, person=person,
                                     on=request.POST.get("on") == "1"))
    return redirect("people:profile", username=person.username)




def _duration(request: HttpRequest):
    minutes = request.POST.get("minutes", "")
    return timedelta(minutes=int(minutes)) if minutes.isdigit() and int(minutes) else None


@require_POST
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Save the switches and quiet hours together; an invalid form saves nothing and the
    settings page is shown again with its errors (400)."""
    form = NotificationSettingsForm(request.POST)
    if form.is_valid():
        try:
            notification_services.settings_update(actor=request.user,
                                                  changes=dict(form.cleaned_data))
        except Invalid as error:
            for field, problems in error.fields.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("people:settings")
    from intranet.people.views import settings_page

    request.notification_settings_form = form  # the settings panel shows this one
    response = settings_page(request)
    response.status_code = 400
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058), open to anyone holding the signed link: a POST
    (the mail client's, or the button's) turns the e-mails off; a GET only shows the
    button, so that link scanners unsubscribe nobody. No session, hence no CSRF token."""
    try:
        if request.method == "POST":
            _person, stream = notification_services.unsubscribe(token=token)
        else:
            _person, stream = notification_services.unsubscribe_target(token)
    except DomainError:
        raise Http404 from None
    return render(request, "feeds/unsubscribe.html",
                  {"stream": stream, "done": request.method == "POST"})


@require_POST
def mute(request: HttpRequest, target: str, key: str = "") -> HttpResponse:
    """Mute everything, a group or a thread for a while; an empty duration unmutes."""
    duration = _duration(request)
    if target == "group":
        group = visible_group(request.user, key)
        if group is None:
            raise Http404
        _act(request, lambda: notification_services.mute(
            actor=request.user, duration=duration, group=group))
    elif target == "post":
        post = _post(request, int(key))
        _act(request, lambda: notification_services.mute(
            actor=request.user, duration=duration, post=post))
    else:
        _act(request, lambda: notification_services.mute_everything(
            actor=request.user, duration=duration))
    messages.success(request, _("Muted.") if duration else _("Notifications are back on."))
    return _back(request)
