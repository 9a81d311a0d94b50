"""API: `/api/v1/search/`, type-ahead suggestions and the expert finder."""

from dataclasses import asdict

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.search import selectors
from intranet.search.params import encode_cursor, search_request
from intranet.search.services import unanswered_record


class MatchSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field the word was found in.")
    word = serializers.CharField(help_text="The word as the document spells it.")
    why = serializers.ChoiceField(["typed", "synonym", "correction"])


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="post, person, group, page, announcement, brand.")
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped text, matches in <mark>.")
    score = serializers.FloatField()
    matched = MatchSerializer(many=True)
    promoted = serializers.BooleanField(help_text="Pinned for this query by staff.")


class SearchResultsSerializer(serializers.Serializer):
    results = HitSerializer(many=True)
    total = serializers.IntegerField()
    facets = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Counts by type, group, department, author and month (YYYY-MM, UTC).")
    next = serializers.URLField(allow_null=True)
    did_you_mean = serializers.CharField(help_text="The query spelt as the index's words, "
                                                   "when it finds little; else empty.")


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()


class SuggestionsSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)


class ExpertSerializer(serializers.Serializer):
    username = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField()
    posts = serializers.IntegerField(help_text="Their readable posts about the skill.")


class ExpertsSerializer(serializers.Serializer):
    results = ExpertSerializer(many=True)


def _hit(hit) -> dict:
    data = asdict(hit)
    for page_only in ("author", "group", "created_at"):
        data.pop(page_only)
    return data


class SearchView(APIView):
    @extend_schema(parameters=[OpenApiParameter(name, str) for name in
                               ("q", "type", "group", "author", "department", "since", "until",
                                "cursor")],
                   responses=SearchResultsSerializer)
    def get(self, request: Request) -> Response:
        asked = search_request(request.query_params)
        found = selectors.search(request.user, asked)
        if not found.total and not asked.offset:
            unanswered_record(asked.q)
        next_url = None
        if found.next_offset is not None:
            params = request.query_params.copy()
            params["cursor"] = encode_cursor(found.next_offset)
            next_url = request.build_absolute_uri("?" + params.urlencode())
        return Response({"results": [_hit(hit) for hit in found.hits], "total": found.total,
                         "facets": found.facets, "next": next_url,
                         "did_you_mean": found.did_you_mean})


class SuggestView(APIView):
    @extend_schema(parameters=[OpenApiParameter("q", str)], responses=SuggestionsSerializer)
    def get(self, request: Request) -> Response:
        found = selectors.suggest(request.user, request.query_params.get("q", "")[:100])
        return Response({"results": [{"type": h.type, "id": h.id, "title": h.title,
                                      "url": h.url} for h in found.hits]})


class ExpertsView(APIView):
    @extend_schema(parameters=[OpenApiParameter("skill", str)], responses=ExpertsSerializer)
    def get(self, request: Request) -> Response:
        found = selectors.experts(request.user, request.query_params.get("skill", "")[:100])
        return Response({"results": [{"username": hit.author, "title": hit.title,
                                      "url": hit.url, "snippet": hit.snippet,
                                      "posts": posts} for hit, posts in found]})
