"""API of the feeds: posts, comments, reactions, feeds, notifications, events, follows."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import (
    IdField,
    InputSerializer,
    StrictBooleanField,
    form_or_object,
    read_body,
)
from intranet.core.errors import Gone, Invalid
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.core.parsers import JSONParser
from intranet.core.replay import TooOld
from intranet.feeds import schemas, selectors
from intranet.feeds.catchup import events_since
from intranet.feeds.extensions import home_entries
from intranet.feeds.models import Comment, ReactionKind
from intranet.feeds.presenters import comment_data, notification_data, post_data
from intranet.feeds.services import comments as comment_services
from intranet.feeds.services import notifications as notification_services
from intranet.feeds.services import posts as post_services
from intranet.feeds.services import social
from intranet.groups.api import readable_group, visible_group

User = get_user_model()


class NewestPosts(CursorPages):
    max_page_size = 50
    ordering = ("-published_at", "-id")


class LatestActivity(CursorPages):
    max_page_size = 50
    ordering = ("-last_activity_at", "-id")


class OldestCommentsFirst(CursorPages):
    page_size = 50
    ordering = ("created_at", "pk")


class NewestNotifications(CursorPages):
    page_size = 30
    ordering = ("-updated_at", "-pk")


def paginate(view: APIView, request: Request, posts, *,
             pages: type[CursorPages] = NewestPosts, pinned: list | None = None,
             on_top: list[dict] | None = None) -> Response:
    paginator = pages()
    pinned = pinned or []
    page = paginator.paginate_queryset(
        selectors.with_page_data(posts.exclude(pk__in=[p.pk for p in pinned])), request,
        view=view)
    first_page = not request.query_params.get("cursor")
    shown = (pinned if first_page else []) + list(page)
    mine = selectors.my_reactions(request.user, shown)
    return paginator.get_paginated_response([
        *(on_top or [] if first_page else []),
        *({"type": "post", "post": post_data(post, mine=mine.get(post.pk, set()))}
          for post in shown)])


class HomeFeedView(APIView):
    @extend_schema(parameters=[OpenApiParameter("order", str, enum=["recent", "activity"]),
                               *PAGE_PARAMETERS],
                   responses=pages_of(schemas.FeedEntrySerializer))
    def get(self, request: Request) -> Response:
        pages = LatestActivity if request.query_params.get("order") == "activity" \
            else NewestPosts
        feed = selectors.home_feed(request.user)
        return paginate(self, request, feed, pages=pages,
                        pinned=selectors.pinned_posts(request.user, feed),
                        on_top=home_entries(request.user))


class GroupPostsView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=pages_of(schemas.FeedEntrySerializer))
    def get(self, request: Request, slug: str) -> Response:
        group = readable_group(request, slug)
        feed = selectors.group_feed(request.user, group)
        return paginate(self, request, feed, pinned=selectors.pinned_posts(request.user, feed))


class TopicPostsView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=pages_of(schemas.FeedEntrySerializer))
    def get(self, request: Request, slug: str) -> Response:
        topic = selectors.topic_for(request.user, slug)
        if topic is None:
            raise NotFound(_("No such topic."))
        return paginate(self, request, selectors.topic_feed(request.user, topic))


class PersonPostsView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=pages_of(schemas.FeedEntrySerializer))
    def get(self, request: Request, username: str) -> Response:
        author = User.objects.filter(username=username).first()
        if author is None:
            raise NotFound(_("No such person."))
        return paginate(self, request, selectors.person_posts(request.user, author))


class PostCreateSerializer(InputSerializer):
    body = serializers.CharField(trim_whitespace=False)
    group = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    # Files, not ImageField: the service sniffs and re-encodes them, and answers a file
    # that is not an image with the documented code `invalid_image`.
    images = serializers.ListField(child=serializers.FileField(), required=False,
                                   max_length=10, allow_empty=True)
    alt_texts = serializers.ListField(
        child=serializers.CharField(max_length=500, allow_blank=True, trim_whitespace=False),
        required=False, max_length=10, allow_empty=True,
        help_text="What each image shows, in the order of `images`.")
    publish_at = serializers.DateTimeField(required=False, allow_null=True)
    is_question = StrictBooleanField(required=False, default=False)


class PostsView(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=PostCreateSerializer, responses={201: schemas.PostSerializer})
    def post(self, request: Request) -> Response:
        sent = form_or_object(request)
        form = isinstance(sent, QueryDict)
        fields = PostCreateSerializer(context={"form": form}, data={
            **{key: sent[key] for key in sent if key not in ("images", "alt_texts")},
            # Images are uploaded files; anything else given as images is refused, not
            # silently dropped.
            "images": request.FILES.getlist("images") if request.FILES
            else sent.get("images") or [],
            "alt_texts": sent.getlist("alt_texts") if form else sent.get("alt_texts") or []})
        fields.is_valid(raise_exception=True)
        data = fields.validated_data
        group = visible_group(request, data["group"]) if data.get("group") else None
        post = post_services.post_create(
            actor=request.user, body=data["body"], group=group, images=data.get("images", []),
            alt_texts=data.get("alt_texts", []), publish_at=data.get("publish_at"),
            is_question=data.get("is_question", False))
        post = selectors.with_page_data(type(post).objects.filter(pk=post.pk)).get()
        return Response(post_data(post, mine=set()), status=status.HTTP_201_CREATED)


def readable_post(request: Request, post_id: int):
    post = selectors.post_for(request.user, post_id)
    if post is None:
        raise NotFound(_("No such post."))
    return post


class PostEditSerializer(InputSerializer):
    body = serializers.CharField(trim_whitespace=False)


class PostView(APIView):
    @extend_schema(responses=schemas.PostSerializer)
    def get(self, request: Request, post_id: int) -> Response:
        post = readable_post(request, post_id)
        mine = selectors.my_reactions(request.user, [post])
        return Response(post_data(post, mine=mine.get(post.pk, set())))

    @extend_schema(request=PostEditSerializer, responses=schemas.PostSerializer)
    def patch(self, request: Request, post_id: int) -> Response:
        post = readable_post(request, post_id)
        fields = PostEditSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        post_services.post_edit(actor=request.user, post=post, body=fields.validated_data["body"])
        return Response(post_data(readable_post(request, post_id)))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, post_id: int) -> Response:
        post_services.post_delete(actor=request.user, post=readable_post(request, post_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostToggleView(APIView):
    """POST sets, DELETE clears: pin and lock."""

    action = "pin"

    def _toggle(self, request: Request, post_id: int, on: bool) -> Response:
        post = readable_post(request, post_id)
        change = post_services.post_pin if self.action == "pin" else post_services.post_lock
        change(actor=request.user, post=post, **{"pinned" if self.action == "pin" else
                                                 "locked": on})
        return Response(post_data(readable_post(request, post_id)))

    @extend_schema(request=None, responses=schemas.PostSerializer)
    def post(self, request: Request, post_id: int) -> Response:
        return self._toggle(request, post_id, True)

    @extend_schema(responses={200: schemas.PostSerializer})
    def delete(self, request: Request, post_id: int) -> Response:
        return self._toggle(request, post_id, False)


class BestAnswerSerializer(InputSerializer):
    comment = IdField(allow_null=True)


class BestAnswerView(APIView):
    @extend_schema(request=BestAnswerSerializer, responses=schemas.PostSerializer)
    def post(self, request: Request, post_id: int) -> Response:
        post = readable_post(request, post_id)
        fields = BestAnswerSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        comment_id = fields.validated_data["comment"]
        comment = None
        if comment_id is not None:
            comment = Comment.objects.filter(pk=comment_id, post=post).first()
            if comment is None:
                raise Invalid(_("That comment does not answer this question."),
                              fields={"comment": [_("Not a comment of this post.")]})
        post_services.post_mark_best_answer(actor=request.user, post=post, comment=comment)
        return Response(post_data(readable_post(request, post_id)))


class CommentCreateSerializer(InputSerializer):
    body = serializers.CharField(trim_whitespace=False)
    parent = IdField(required=False, allow_null=True)


class CommentsView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=pages_of(schemas.CommentSerializer))
    def get(self, request: Request, post_id: int) -> Response:
        post = readable_post(request, post_id)
        paginator = OldestCommentsFirst()
        page = paginator.paginate_queryset(selectors.comments_for(request.user, post), request,
                                           view=self)
        return paginator.get_paginated_response([comment_data(c) for c in page])

    @extend_schema(request=CommentCreateSerializer, responses={201: schemas.CommentSerializer})
    def post(self, request: Request, post_id: int) -> Response:
        post = readable_post(request, post_id)
        fields = CommentCreateSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        parent = None
        if fields.validated_data.get("parent"):
            parent = Comment.objects.filter(pk=fields.validated_data["parent"],
                                            post=post).first()
            if parent is None:
                raise Invalid(_("You can only reply to a comment of this post."),
                              fields={"parent": [_("Not a comment of this post.")]})
        comment = comment_services.comment_create(actor=request.user, post=post,
                                                  body=fields.validated_data["body"],
                                                  parent=parent)
        return Response(comment_data(comment), status=status.HTTP_201_CREATED)


def readable_comment(request: Request, comment_id: int) -> Comment:
    comment = selectors.comment_for(request.user, comment_id)
    if comment is None:
        raise NotFound(_("No such comment."))
    return comment


class CommentView(APIView):
    @extend_schema(request=PostEditSerializer, responses=schemas.CommentSerializer)
    def patch(self, request: Request, comment_id: int) -> Response:
        comment = readable_comment(request, comment_id)
        fields = PostEditSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        comment = comment_services.comment_edit(actor=request.user, comment=comment,
                                                body=fields.validated_data["body"])
        return Response(comment_data(comment))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, comment_id: int) -> Response:
        comment_services.comment_delete(actor=request.user,
                                        comment=readable_comment(request, comment_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReactionSerializer(InputSerializer):
    kind = serializers.ChoiceField(ReactionKind.values)


class ReactionsView(APIView):
    on_comment = False

    def _set(self, request: Request, object_id: int, on: bool) -> Response:
        fields = ReactionSerializer(data=request.data or request.query_params)
        fields.is_valid(raise_exception=True)
        if self.on_comment:
            comment = readable_comment(request, object_id)
            post = comment.post
        else:
            comment, post = None, readable_post(request, object_id)
        target = comment_services.reaction_set(actor=request.user, post=post, comment=comment,
                                               kind=fields.validated_data["kind"], on=on)
        return Response({"reactions": dict(target.reaction_counts)},
                        status=status.HTTP_201_CREATED if on else status.HTTP_200_OK)

    @extend_schema(request=ReactionSerializer,
                   responses={201: schemas.ReactionCountsSerializer})
    def post(self, request: Request, object_id: int) -> Response:
        return self._set(request, object_id, True)

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=ReactionKind.values)],
                   responses={200: schemas.ReactionCountsSerializer})
    def delete(self, request: Request, object_id: int) -> Response:
        return self._set(request, object_id, False)


class NotificationsView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=schemas.NotificationPageSerializer)
    def get(self, request: Request) -> Response:
        paginator = NewestNotifications()
        page = paginator.paginate_queryset(selectors.notifications_for(request.user), request,
                                           view=self)
        response = paginator.get_paginated_response([notification_data(n) for n in page])
        response.data["unread"] = selectors.unread_count(request.user)
        return response


class MarkReadView(APIView):
    @extend_schema(request=schemas.MarkReadSerializer, responses=schemas.MarkedSerializer)
    def post(self, request: Request) -> Response:
        ids = read_body(request, schemas.MarkReadSerializer).get("ids")
        marked = notification_services.notifications_mark_read(actor=request.user, ids=ids)
        return Response({"marked": marked, "unread": selectors.unread_count(request.user)})


class EventsView(APIView):
    @extend_schema(parameters=[OpenApiParameter("since", int, required=True),
                               OpenApiParameter("group", str, many=True)],
                   responses={200: schemas.EventsSerializer,
                              410: OpenApiResponse(description="Too much has happened "
                                                   "since `since`: reload (`too_old`).")})
    def get(self, request: Request) -> Response:
        try:
            since = int(request.query_params.get("since", ""))
            if since < 0:
                raise ValueError(since)
        except ValueError:
            raise Invalid(_("Give the id of the last event you saw in `since`."),
                          fields={"since": [_("A whole number.")]}) from None
        try:
            frames, next_since = events_since(request.user, since,
                                              watching=request.query_params.getlist("group"))
        except TooOld:
            raise Gone(_("Too much has happened since: reload."), code="too_old") from None
        next_url = None
        if next_since is not None:
            next_url = request.build_absolute_uri("?" + urlencode(
                [("since", next_since)]
                + [("group", slug) for slug in request.query_params.getlist("group")]))
        return Response({"results": frames, "next": next_url})


class FollowView(APIView):
    """POST follows (a person, a topic or a thread) or blocks; DELETE stops."""

    kind = "person"

    def _set(self, request: Request, key: str, on: bool) -> Response:
        if self.kind == "thread":
            post = selectors.post_for(request.user, int(key))
            if post is None:
                raise NotFound(_("No such post."))
            social.follow_thread(actor=request.user, post=post, on=on)
        elif self.kind == "topic":
            topic = selectors.topic_for(request.user, key)
            if topic is None:
                raise NotFound(_("No such topic."))
            social.follow_topic(actor=request.user, topic=topic, on=on)
        else:
            person = User.objects.filter(username=key).first()
            if person is None:
                raise NotFound(_("No such person."))
            change = social.block_person if self.kind == "block" else social.follow_person
            change(actor=request.user, person=person, on=on)
        return Response({"on": on})

    @extend_schema(request=None, responses=schemas.SwitchSerializer)
    def post(self, request: Request, key: str) -> Response:
        return self._set(request, key, True)

    @extend_schema(responses={200: schemas.SwitchSerializer})
    def delete(self, request: Request, key: str) -> Response:
        return self._set(request, key, False)


class MuteSerializer(InputSerializer):
    minutes = serializers.IntegerField(min_value=1, max_value=365 * 24 * 60)


class MuteView(APIView):
    """POST {"minutes"} mutes a group, a thread or everything; DELETE unmutes."""

    target = "everything"

    def _mute(self, request: Request, key, duration) -> Response:
        if self.target == "group":
            notification_services.mute(actor=request.user, duration=duration,
                                       group=visible_group(request, key))
        elif self.target == "post":
            notification_services.mute(actor=request.user, duration=duration,
                                       post=readable_post(request, key))
        else:
            notification_services.mute_everything(actor=request.user, duration=duration)
        return Response({"muted": duration is not None})

    # A group is named by `slug` in its URL, a post by `key`.
    @extend_schema(request=MuteSerializer, responses=schemas.MutedSerializer)
    def post(self, request: Request, key=None, slug=None) -> Response:
        fields = MuteSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        return self._mute(request, key if slug is None else slug,
                          timedelta(minutes=fields.validated_data["minutes"]))

    @extend_schema(responses={200: schemas.MutedSerializer})
    def delete(self, request: Request, key=None, slug=None) -> Response:
        return self._mute(request, key if slug is None else slug, None)


class NotificationSettingsSerializer(InputSerializer):
    email_mentions = StrictBooleanField(required=False)
    daily_digest = StrictBooleanField(required=False)
    notify_reactions = StrictBooleanField(required=False)
    notify_comments = StrictBooleanField(required=False)


class NotificationSettingsView(APIView):
    def _data(self, preferences) -> dict:
        return {**{field: getattr(preferences, field)
                   for field in notification_services.SETTINGS_FIELDS},
                "muted_until": preferences.muted_until}

    @extend_schema(responses=schemas.NotificationSettingsDataSerializer)
    def get(self, request: Request) -> Response:
        return Response(self._data(notification_services.settings_of(request.user.pk)))

    @extend_schema(request=NotificationSettingsSerializer,
                   responses=schemas.NotificationSettingsDataSerializer)
    def patch(self, request: Request) -> Response:
        fields = NotificationSettingsSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        return Response(self._data(notification_services.settings_update(
            actor=request.user, changes=fields.validated_data)))
