"""Pages of the feeds: posts and their threads, topics, notifications; and the actions
behind their buttons, which redirect back where they came from, or, asked in place by
the page's script, answer with the fragment that changed."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.errors import DomainError, Invalid
from intranet.core.params import row_id, whole_number
from intranet.feeds import selectors
from intranet.feeds.extensions import post_subject
from intranet.feeds.forms import CommentForm, NotificationSettingsForm, PostForm
from intranet.feeds.inplace import asked_in_place, refusal, run_action, swap_in
from intranet.feeds.models import Comment, Post, TopicFollow
from intranet.feeds.permissions import can_moderate, can_post_in
from intranet.feeds.services import comments as comment_services
from intranet.feeds.services import notifications as notification_services
from intranet.feeds.services import posts as post_services
from intranet.groups.models import InterestGroup
from intranet.groups.selectors import visible_group
from intranet.people.selectors import directory, person_views

FEED_PAGE = 20
SUGGESTIONS = 8
MUTE_CHOICES = [(60, gettext_lazy("for an hour")), (8 * 60, gettext_lazy("for 8 hours")),
                (24 * 60, gettext_lazy("for a day")), (7 * 24 * 60, gettext_lazy("for a week"))]


def _back(request: HttpRequest, fallback: str = "/") -> HttpResponse:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


def _confirmed(request: HttpRequest) -> bool:
    """Deleting asks first: the page's script asks in a dialog and says `confirmed`;
    without a script, this page asks."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def feed_context(request: HttpRequest, posts, *, pinned=()) -> dict:
    """A page of post cards, with what the buttons on them need, in constant queries."""
    before = row_id(request.GET.get("before"))
    page = selectors.with_page_data(posts.exclude(pk__in=[p.pk for p in pinned]))
    if before:
        # Keyset on (published_at, id), the order of the page: a scheduled post has an
        # older id than posts published before it, so ids alone would skip or repeat.
        anchor = Post.objects.filter(pk=before).values_list("published_at", flat=True)
        published_at = anchor.first()
        if published_at is None:
            page = page.filter(pk__lt=before)
        else:
            page = page.filter(Q(published_at__lt=published_at)
                               | Q(published_at=published_at, pk__lt=before))
    page = list(page.order_by("-published_at", "-id")[:FEED_PAGE + 1])
    more = len(page) > FEED_PAGE
    shown = (list(pinned) if not before else []) + page[:FEED_PAGE]
    return {"posts": shown, "mine": selectors.my_reactions(request.user, shown),
            "moderation": selectors.moderation_of(request.user),
            "next_before": page[FEED_PAGE - 1].pk if more else None}


def composer_context(request: HttpRequest, group: InterestGroup | None = None) -> dict:
    groups = [] if group else list(selectors.postable_groups(request.user))
    company_wide = can_post_in(request.user, None)
    return {"post_form": PostForm(), "composer_group": group, "postable_groups": groups,
            "can_post_company_wide": company_wide,
            "can_post_here": can_post_in(request.user, group) if group else True,
            "default_audience": "" if group else selectors.default_audience(
                request.user, groups, company_wide)}


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
    try:
        post = post_services.post_create(
            actor=request.user, body=data["body"], group=group, images=data["images"],
            alt_texts=request.POST.getlist("alt_texts"), publish_at=data["publish_at"],
            is_question=data["is_question"])
    except DomainError as error:
        messages.error(request, error.message)
        return _back(request)
    if post.published_at is None:
        messages.success(request, _("Scheduled."))
        return _back(request)
    # Back where the person wrote it, scrolled to the new post (pinned posts stay above).
    messages.success(request, _("Your post is published."))
    back = _back(request)
    back["Location"] = back["Location"].split("#")[0] + f"#post-{post.pk}"
    return back


def suggest(request: HttpRequest) -> JsonResponse:
    """What the composer offers as one types `@ana` or `#desi`: colleagues by name (shown
    by name, inserted by username), or topics the writer may know of."""
    q = request.GET.get("q", "")[:60].replace("\x00", "")
    marker, words = q[:1], q[1:].strip()
    if marker == "@":
        people = list(directory(viewer=request.user, q=words)
                      .exclude(user_id=request.user.pk)[:SUGGESTIONS]) if words else []
        found = [{"insert": f"@{person['username']}", "label": person["display_name"],
                  "detail": person.get("job_title") or person["department"] or ""}
                 for person in person_views(request.user, people)]
    elif marker == "#" and words:
        found = [{"insert": f"#{topic.name}", "label": f"#{topic.name}", "detail": ""}
                 for topic in selectors.readable_topics(request.user)
                 .filter(slug__startswith=slugify(words)).order_by("name")[:SUGGESTIONS]]
    else:
        found = []
    return JsonResponse({"results": found})


def _post(request: HttpRequest, post_id: int) -> Post:
    post = selectors.post_for(request.user, post_id)
    if post is None:
        raise Http404
    return post


def _comment_of(post: Post, comment_id: str) -> Comment:
    """A comment of `post` named in a form; 404 for anything else, typed nonsense included."""
    if row_id(comment_id) is None:
        raise Http404
    return get_object_or_404(Comment, pk=row_id(comment_id), post=post, deleted_at__isnull=True)


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
        "thread_muted": selectors.is_muted_exactly(request.user.pk, post_id=post.pk),
        "thread_following": post.followers.filter(user_id=request.user.pk).exists()})


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
        answered = run_action(request, lambda: comment_services.comment_create(
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
    return run_action(request, lambda: comment_services.reaction_set(
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
    return run_action(request, lambda: post_services.post_delete(actor=request.user, post=post),
                      _("The post has been deleted.")) or redirect("/")


@require_POST
def post_toggle(request: HttpRequest, post_id: int, what: str) -> HttpResponse:
    post = _post(request, post_id)
    on = request.POST.get("on") == "1"
    change = {"pin": lambda: post_services.post_pin(actor=request.user, post=post, pinned=on),
              "lock": lambda: post_services.post_lock(actor=request.user, post=post, locked=on)}
    if what not in change:
        raise Http404
    return run_action(request, change[what],
                fragment=lambda _result: post_card(request, post.pk)) or _back(request)


@require_POST
def best_answer(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    comment = _comment_of(post, request.POST.get("comment", ""))
    run_action(request, lambda: post_services.post_mark_best_answer(
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
    return run_action(request, lambda: comment_services.comment_delete(
        actor=request.user, comment=comment)) or redirect("feeds:post", post_id=comment.post_id)


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.topic_for(request.user, slug)
    if found is None:
        raise Http404
    return render(request, "feeds/topic.html", {
        "topic": found, **feed_context(request, selectors.topic_feed(request.user, found)),
        "following": TopicFollow.objects.filter(user=request.user, topic=found).exists()})


NOTIFICATIONS_PAGE = 100
NOTIFICATIONS_PANEL = 8


def notifications(request: HttpRequest) -> HttpResponse:
    """The latest notifications. Those that were unread are shown as new this once and
    are read from now on, so the badge above them counts only the ones not shown."""
    shown = list(selectors.notifications_for(request.user)[:NOTIFICATIONS_PAGE])
    entries = selectors.notification_entries(request.user, shown)
    notification_services.notifications_mark_read(
        actor=request.user, ids=[entry.notification.pk for entry in entries if entry.unread])
    return render(request, "feeds/notifications.html", {"entries": entries})


def notifications_panel(request: HttpRequest) -> HttpResponse:
    """The newest few notifications for the bell's panel (notifications.js), with the
    page's entry template; the script marks those it shows read."""
    shown = list(selectors.notifications_for(request.user)[:NOTIFICATIONS_PANEL])
    return render(request, "feeds/_notification_panel.html",
                  {"entries": selectors.notification_entries(request.user, shown)})


def _notification_ids(values: list[str]) -> list[int] | None:
    """The ids a form names (`id`, repeated), or None when it names none (all)."""
    if not values:
        return None
    ids = [row_id(value) for value in values]
    if None in ids:
        raise Invalid(_("Name notifications by their numbers."),
                      fields={"ids": [_("A list of numbers.")]})
    return ids


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark the reader's notifications named by `id` read, or all of them without any.
    Asked by a script, the answer says how many are still unread."""
    try:
        marked = notification_services.notifications_mark_read(
            actor=request.user, ids=_notification_ids(request.POST.getlist("id")))
    except DomainError as error:
        return refusal(error)
    if asked_in_place(request):
        return JsonResponse({"marked": marked, "unread": selectors.unread_count(request.user)})
    return redirect("feeds:notifications")


def _duration(request: HttpRequest) -> timedelta | None:
    """How long to mute for; none (or 0) unmutes. A length that is not a number of
    minutes reaches the service as zero, which it refuses with the allowed range."""
    typed = request.POST.get("minutes", "").strip()
    if typed in ("", "0"):
        return None
    return timedelta(minutes=whole_number(typed, maximum=10**9) or 0)


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
        run_action(request, lambda: notification_services.mute(
            actor=request.user, duration=duration, group=group))
    elif target == "post":
        post = _post(request, int(key))
        run_action(request, lambda: notification_services.mute(
            actor=request.user, duration=duration, post=post))
    else:
        run_action(request, lambda: notification_services.mute_everything(
            actor=request.user, duration=duration))
    messages.success(request, _("Muted.") if duration else _("Notifications are back on."))
    return _back(request)
