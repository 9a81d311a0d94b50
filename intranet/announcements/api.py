"""API: announcements addressed to the caller, acknowledgement, and HR's counts."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.announcements import schemas, selectors
from intranet.announcements.models import AnnouncementPage
from intranet.announcements.permissions import PUBLISH
from intranet.announcements.presenters import (
    announcement_data,
    comment_data,
    reader_data,
    readers_data,
)
from intranet.announcements.services import conversation
from intranet.announcements.services.receipts import acknowledge, mark_seen
from intranet.announcements.services.writing import announcement_create
from intranet.core.api import body_object, refuse_unknown
from intranet.core.errors import Forbidden
from intranet.feeds.services import comments

PAGE_SIZE = 50


def readable(request: Request, pk: int) -> AnnouncementPage:
    """The announcement, by the id of any of its live versions, as its original."""
    page = AnnouncementPage.objects.live().filter(pk=pk).first()
    if page is None or not selectors.can_read(request.user, page):
        raise NotFound(_("No such announcement."))
    return page.original


class AnnouncementListView(APIView):
    @extend_schema(responses=schemas.AnnouncementsSerializer, operation_id="announcements_list")
    def get(self, request: Request) -> Response:
        pages = list(selectors.announcements_for(request.user)[:PAGE_SIZE])
        return Response({"results": readers_data(pages, request.user), "next": None})

    @extend_schema(request=schemas.AnnouncementWriteSerializer,
                   responses={201: schemas.WrittenAnnouncementSerializer})
    def post(self, request: Request) -> Response:
        data = body_object(request)
        refuse_unknown(data, schemas.AnnouncementWriteSerializer())
        page = announcement_create(actor=request.user, data=dict(data))
        answer = {**announcement_data(page), "live": page.live,
                  "in_workflow": page.workflow_in_progress}
        if not page.live:
            answer["published_at"] = None
        return Response(answer, status=status.HTTP_201_CREATED)


class AnnouncementView(APIView):
    @extend_schema(responses=schemas.ReaderAnnouncementSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(reader_data(readable(request, pk), request.user))


class AcknowledgeView(APIView):
    @extend_schema(request=None, responses={200: schemas.ReaderAnnouncementSerializer,
                                            201: schemas.ReaderAnnouncementSerializer})
    def post(self, request: Request, pk: int) -> Response:
        page = readable(request, pk)
        _receipt, made = acknowledge(user=request.user, page=page)
        return Response(reader_data(page, request.user),
                        status=status.HTTP_201_CREATED if made else status.HTTP_200_OK)


class SeenView(APIView):
    @extend_schema(request=None, responses=schemas.ReaderAnnouncementSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Expanded in the feed: it counts as seen, like opening its page."""
        page = readable(request, pk)
        mark_seen(user=request.user, page=page)
        return Response(reader_data(page, request.user))


class StatsView(APIView):
    @extend_schema(responses=schemas.StatsSerializer)
    def get(self, request: Request, pk: int) -> Response:
        if not request.user.has_perm(PUBLISH):
            raise Forbidden(_("Only HR reads the reach of announcements."))
        page = AnnouncementPage.objects.filter(pk=pk).first()
        if page is None:
            raise NotFound(_("No such announcement."))
        return Response(selectors.stats(page.original))


def _body(request: Request) -> str:
    data = body_object(request)
    refuse_unknown(data, schemas.BodySerializer())
    return str(data.get("body") or "")


class CommentsView(APIView):
    """The conversation under an announcement: read it, or add to it."""

    @extend_schema(responses=schemas.AnnouncementCommentsSerializer)
    def get(self, request: Request, pk: int) -> Response:
        page = readable(request, pk)
        if not page.original.allow_comments:
            raise Forbidden(_("Comments are off here."), code="comments_off")
        return Response({"results": [comment_data(comment, page.original) for comment in
                                     selectors.comments_of(page, request.user)],
                         "next": None})

    @extend_schema(request=schemas.BodySerializer,
                   responses={201: schemas.AnnouncementCommentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        page = readable(request, pk)
        comment = conversation.comment_create(actor=request.user, page=page,
                                              body=_body(request))
        return Response(comment_data(comment, page.original), status=status.HTTP_201_CREATED)


class CommentView(APIView):
    def _comment(self, request: Request, pk: int, comment_id: int):
        page = readable(request, pk)
        comment = selectors.comments_of(page, request.user).filter(pk=comment_id).first()
        if comment is None:
            raise NotFound(_("No such comment."))
        return page, comment

    @extend_schema(request=schemas.BodySerializer,
                   responses=schemas.AnnouncementCommentSerializer)
    def patch(self, request: Request, pk: int, comment_id: int) -> Response:
        page, comment = self._comment(request, pk, comment_id)
        comment = comments.comment_edit(actor=request.user, body=_body(request),
                                        comment=comment)
        return Response(comment_data(comment, page.original))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, comment_id: int) -> Response:
        _page, comment = self._comment(request, pk, comment_id)
        comments.comment_delete(actor=request.user, comment=comment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReactionsView(APIView):
    """POST adds a kind of reaction, DELETE takes it back: `{"kind": "like"}`."""

    def _set(self, request: Request, pk: int, on: bool) -> Response:
        data = body_object(request)
        refuse_unknown(data, schemas.KindSerializer())
        kind = str(data.get("kind") or "")
        page = readable(request, pk)
        conversation.reaction_set(actor=request.user, page=page, kind=kind, on=on)
        counts, mine = selectors.reactions_of(page, request.user)
        return Response({"reactions": counts, "mine": sorted(mine)})

    @extend_schema(request=schemas.KindSerializer, responses=schemas.ReactionsSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return self._set(request, pk, True)

    @extend_schema(request=schemas.KindSerializer, responses={200: schemas.ReactionsSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        return self._set(request, pk, False)
