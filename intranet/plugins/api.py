"""API: brand highlights for everyone; sources and the curation queue for Communications
(`/api/v1/brand/...`, see docs/api.md)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import body_object, read_body
from intranet.core.errors import Forbidden, Invalid
from intranet.core.links import safe_link
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.core.params import row_id
from intranet.plugins import schemas, selectors
from intranet.plugins.models import (
    CURATE,
    MANAGE_SOURCES,
    BrandItem,
    ItemState,
    ShareChannel,
    Source,
)
from intranet.plugins.presenters import item_data
from intranet.plugins.services import curation, sources
from intranet.plugins.services.polling import poll_source
from intranet.plugins.sharing import share_path

HIGHLIGHTS = 50


def source_data(source: Source) -> dict:
    return {
        "id": source.pk, "connector": source.connector, "name": source.name,
        "team": source.team, "account": source.account.username,
        "group": source.group.slug if source.group_id else None,
        "settings": source.settings, "secrets_set": sources.secrets_set(source),
        "interval_minutes": source.interval_minutes, "enabled": source.enabled,
        "last_polled_at": source.last_polled_at, "last_success": source.last_success_at,
        "last_error": source.last_error or None, "items_seen": source.items_seen,
        "next_poll": source.next_poll_at, "failures": source.failures,
    }


def _source(request: Request, pk: int) -> Source:
    if not request.user.has_perm(MANAGE_SOURCES):
        raise Forbidden(_("Only Communications manages brand sources."))
    source = selectors.sources_for(request.user).filter(pk=pk).first()
    if source is None:
        raise NotFound(_("No such source."))
    return source


def _item(request: Request, pk: int) -> BrandItem:
    if not request.user.has_perm(CURATE):
        raise Forbidden(_("Only Communications curates brand items."))
    item = selectors.curation_queue(request.user).filter(pk=pk).first()
    if item is None:
        raise NotFound(_("No such brand item."))
    return item


class HighlightsView(APIView):
    @extend_schema(responses=schemas.HighlightsSerializer)
    def get(self, request: Request) -> Response:
        found = selectors.highlights(request.user)[:HIGHLIGHTS]
        return Response({"results": [item_data(item) for item in found]})


class SourceListView(APIView):
    @extend_schema(responses=schemas.SourcesSerializer, operation_id="brand_sources_list")
    def get(self, request: Request) -> Response:
        if not request.user.has_perm(MANAGE_SOURCES):
            raise Forbidden(_("Only Communications manages brand sources."))
        return Response({"results": [source_data(s) for s in
                                     selectors.sources_for(request.user)]})

    @extend_schema(request=schemas.SourceWriteSerializer,
                   responses={201: schemas.SourceSerializer})
    def post(self, request: Request) -> Response:
        data = read_body(request, schemas.SourceWriteSerializer)
        source = sources.source_create(
            actor=request.user, connector=data["connector"], name=data["name"],
            settings=data.get("settings", {}), account=data.get("account"),
            group=data.get("group"), team=data.get("team", ""),
            interval_minutes=data.get("interval_minutes", 30),
            enabled=data.get("enabled", True))
        return Response(source_data(source), status=status.HTTP_201_CREATED)


class SourceView(APIView):
    @extend_schema(responses=schemas.SourceSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(source_data(_source(request, pk)))

    @extend_schema(request=schemas.SourceWriteSerializer(partial=True),
                   responses=schemas.SourceSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        source = _source(request, pk)
        changes = read_body(request, schemas.SourceWriteSerializer, partial=True)
        return Response(source_data(sources.source_update(actor=request.user, source=source,
                                                          changes=changes)))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        sources.source_delete(actor=request.user, source=_source(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SourcePollView(APIView):
    @extend_schema(request=None, responses=schemas.PollSerializer)
    def post(self, request: Request, pk: int) -> Response:
        result = poll_source(_source(request, pk))
        return Response({"new": result.new, "skipped": result.skipped, "error": result.error})


class Newest(CursorPages):
    ordering = ("-fetched_at", "-pk")


class ItemListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("state", str, enum=ItemState.values),
                               OpenApiParameter("source", int), *PAGE_PARAMETERS],
                   responses=pages_of(schemas.CuratedItemSerializer),
                   operation_id="brand_items_list")
    def get(self, request: Request) -> Response:
        if not request.user.has_perm(CURATE):
            raise Forbidden(_("Only Communications curates brand items."))
        state = request.query_params.get("state") or None
        if state is not None and state not in ItemState.values:
            raise Invalid(_("Unknown state."), fields={"state": [
                _("One of: %(states)s.") % {"states": ", ".join(ItemState.values)}]})
        source = request.query_params.get("source") or None
        if source is not None and row_id(source) is None:
            raise Invalid(_("A source is given by its id."), fields={"source": [
                _("Not an id.")]})
        items = selectors.curation_queue(request.user, state=state, source=row_id(source))
        paginator = Newest()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response([item_data(item, for_curator=True)
                                                 for item in page])


class ItemDecisionView(APIView):
    decision = ""

    @extend_schema(request=None, responses=schemas.CuratedItemSerializer)
    def post(self, request: Request, pk: int) -> Response:
        item = curation.item_decide(actor=request.user, item=_item(request, pk),
                                    decision=self.decision)
        return Response(item_data(item, for_curator=True))


class ItemView(APIView):
    @extend_schema(responses=schemas.CuratedItemSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(item_data(_item(request, pk), for_curator=True))

    @extend_schema(request=schemas.CaptionSerializer, responses=schemas.CuratedItemSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        data = body_object(request)
        if set(data) - {"caption"}:
            raise Invalid(_("Only the caption can be changed."), fields={
                name: [_("Not editable.")] for name in sorted(set(data) - {"caption"})})
        item = curation.item_set_caption(actor=request.user, item=_item(request, pk),
                                         caption=data.get("caption", ""))
        return Response(item_data(item, for_curator=True))


class ItemShareView(APIView):
    @extend_schema(request=schemas.ShareRequestSerializer, responses=schemas.ShareSerializer)
    def post(self, request: Request, pk: int) -> Response:
        item = BrandItem.objects.select_related("post").filter(pk=pk).first()
        if item is None:
            raise NotFound(_("No such brand item."))
        data = body_object(request)
        count = curation.item_share(actor=request.user, item=item,
                                    channel=str(data.get("channel") or ShareChannel.OTHER))
        return Response({"share_count": count, "url": safe_link(item.url),
                         "link": request.build_absolute_uri(share_path(item))})
