"""API: what was on the caller's screen, and the analytics overview."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.analytics import schemas, selectors
from intranet.analytics.ranges import period
from intranet.analytics.services import views_record
from intranet.core.api import read_body
from intranet.core.errors import Forbidden, NotFound
from intranet.core.policy import read_policy


class SeenView(APIView):
    @extend_schema(request=schemas.SeenSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        """Items that were on the caller's screen (at most 100). The answer is the same
        whether each could be read, and so recorded, or not."""
        data = read_body(request, schemas.SeenSerializer)
        views_record(user=request.user,
                     items=[(item["kind"], item["id"]) for item in data["items"]])
        return Response(status=status.HTTP_204_NO_CONTENT)


class OverviewView(APIView):
    @extend_schema(parameters=[schemas.OverviewQuerySerializer],
                   responses=schemas.OverviewSerializer)
    def get(self, request: Request) -> Response:
        query = schemas.OverviewQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        since, until = period(query.validated_data.get("since"),
                              query.validated_data.get("until"))
        group = None
        if "group" in query.validated_data:
            group = (read_policy("group content").readable(request.user)
                     .filter(slug=query.validated_data["group"]).first())
            if group is None:
                raise NotFound(_("No such group."))
        if not selectors.may_read_analytics(request.user, group):
            raise Forbidden(_("Only HR, Communications and Community managers, and a "
                              "group's owners for their group, read analytics."))
        return Response(selectors.overview(since=since, until=until, group=group))
