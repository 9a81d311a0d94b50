"""The SCIM endpoints: django-scim2's views behind the directory's bearer token, always
answering SCIM's JSON (errors included, with their status as a string, RFC 7644 3.12),
never one of the site's pages.

The directory authenticates with a token only it holds: the settings keep SHA-256 digests
of the accepted tokens (SCIM_TOKEN_DIGESTS), never the tokens, and a request's token is
compared with every one in constant time. No session or person's API token is accepted;
with no digest configured, SCIM is off and every address here answers 404.
"""

import hashlib
import hmac
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View
from django_scim import views
from django_scim.constants import SCIM_CONTENT_TYPE, SchemaURI
from django_scim.exceptions import NotFoundError, SCIMException
from django_scim.models import SCIMServiceProviderConfig

from intranet.core.errors import DomainError
from intranet.core.text import storable, texts_in
from intranet.people.scim.protocol import PATCH_OP, filtered, identifier, invalid

logger = logging.getLogger(__name__)
MAX_RESULTS = 200


def base_location(request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> str:
    """Where the links in SCIM answers point: the site's public address."""
    return settings.BASE_URL


class ServiceProviderConfig(SCIMServiceProviderConfig):
    """What this SCIM service supports: filters and PATCH; not bulk, sorting, ETags or
    passwords (people sign in by single sign-on)."""

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(),
                "filter": {"supported": True, "maxResults": MAX_RESULTS},
                "changePassword": {"supported": False}}


def error_response(status: int, detail: str, scim_type: str | None = None) -> HttpResponse:
    body = {"schemas": [SchemaURI.ERROR], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return HttpResponse(json.dumps(body), status=status, content_type=SCIM_CONTENT_TYPE)


def refusal(request: HttpRequest) -> HttpResponse | None:
    """Why `request` may not use SCIM; None when it carries one of the directory's tokens."""
    digests = settings.SCIM_TOKEN_DIGESTS
    if not digests:
        return error_response(404, _("Not found."))
    scheme, token = request.headers.get("Authorization", "").partition(" ")[::2]
    presented = hashlib.sha256(token.strip().encode()).hexdigest()
    matches = [hmac.compare_digest(presented, digest.lower()) for digest in digests]
    if scheme.lower() == "bearer" and token.strip() and any(matches):
        return None
    response = error_response(401, _("Send the directory's token: Authorization: Bearer "
                                     "<token>."))
    response["WWW-Authenticate"] = 'Bearer realm="SCIM"'
    return response


def _detail(error: DomainError) -> str:
    return " ".join([error.message, *(f"{name}: {message}" for name, messages
                                      in error.fields.items() for message in messages)])


class Endpoint:
    """What every SCIM address does around django-scim2's view: the token first, then
    the view, with whatever it raises answered in SCIM's error shape. Bodies are JSON
    objects of text a database can store; lists are pages of at most MAX_RESULTS."""

    kwargs: dict[str, Any]
    lookup_url_kwarg: str
    scim_adapter: Any
    _page: Any

    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = refusal(request)
        if refused is not None:
            return refused
        try:
            response = View.dispatch(self, request, *args, **kwargs)
        except SCIMException as error:
            return error_response(error.status, str(error.detail), error.scim_type)
        except DomainError as error:
            kind = {400: "invalidValue", 409: "uniqueness"}.get(error.status)
            return error_response(error.status, _detail(error), kind)
        except IntegrityError:
            return error_response(409, _("This conflicts with another person or department."),
                                  "uniqueness")
        except RequestDataTooBig:
            return error_response(413, _("The request body is too large."))
        except Exception:
            logger.exception("SCIM request failed: %s %s", request.method, request.path)
            return error_response(500, _("The request could not be completed."))
        if response.status_code >= 400 and not response.content:
            return error_response(response.status_code, response.reason_phrase)
        return response

    def load_body(self, body: bytes) -> dict[str, Any]:
        try:
            data = json.loads(body.decode() or "{}")
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise invalid(_("The body is not JSON."), "invalidSyntax") from None
        if not isinstance(data, dict):
            raise invalid(_("The body must be a JSON object."), "invalidSyntax")
        if not all(storable(item) for item in texts_in(data)):
            raise invalid(_("The body holds a NUL character or half of a surrogate pair."),
                          "invalidValue")
        return data

    def get_object(self) -> Any:
        raw = self.kwargs.get(self.lookup_url_kwarg) or ""
        key = identifier(raw)
        found = self.scim_adapter.queryset().filter(pk=key).first() if key else None
        if found is None:
            raise NotFoundError(raw)
        return found

    def patch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        body = self.load_body(request.body)
        schemas = body.get("schemas")
        if not isinstance(schemas, list) or PATCH_OP not in schemas:
            raise invalid(_("schemas must list %(schema)s.") % {"schema": PATCH_OP},
                          "invalidSyntax")
        if not isinstance(body.get("Operations"), list) or not body["Operations"]:
            raise invalid(_("Operations must be a list of operations."), "invalidSyntax")
        return super().patch(request, *args, **kwargs)

    def get_many(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("filter")
        if query is not None:
            return self._search(request, query, *self._page(request))
        return self._build_response(request, self.scim_adapter.queryset(),
                                    *self._page(request))

    def _search(self, request: HttpRequest, query: Any, start: int,
                count: int) -> HttpResponse:
        adapter = self.scim_adapter
        return self._build_response(request, filtered(adapter.queryset(), query,
                                                      adapter.FILTERS), start, count)

    def _build_response(self, request: HttpRequest, qs: QuerySet, start: int,
                        count: int) -> HttpResponse:
        total = qs.count()
        count = max(0, min(count, MAX_RESULTS))
        page = list(qs[start - 1:start - 1 + count]) if start <= total else []
        return HttpResponse(json.dumps({
            "schemas": [SchemaURI.LIST_RESPONSE], "totalResults": total,
            "itemsPerPage": len(page), "startIndex": start,
            "Resources": [self.scim_adapter(item, request=request).to_dict() for item in page],
        }), content_type=SCIM_CONTENT_TYPE)


class Resources(Endpoint):
    """A collection takes GET and POST; each of its resources GET, PUT, PATCH and DELETE."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.http_method_names = (["get", "put", "patch", "delete"]
                                  if kwargs.get(self.lookup_url_kwarg) else ["get", "post"])


class Users(Resources, views.UsersView):
    """People: /Users and /Users/<id>."""


class UserSearch(Endpoint, views.UserSearchView):
    """POST /Users/.search."""


class Groups(Resources, views.GroupsView):
    """Departments: /Groups and /Groups/<id>."""


class GroupSearch(Endpoint, views.GroupSearchView):
    """POST /Groups/.search."""


class ServiceProviderConfigView(Endpoint, views.ServiceProviderConfigView):
    """What the service supports."""


class ResourceTypes(Endpoint, views.ResourceTypesView):
    """Users and Groups, and their schemas."""


class Schemas(Endpoint, views.SchemasView):
    """The schemas' definitions."""


class Missing(Endpoint, View):
    """Any other address under the SCIM prefix: SCIM's 404, not the site's page."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise NotFoundError(request.path)

    post = put = patch = delete = get
