"""Private media: files that belong to a group or to a person's restricted field.

They live in the "private" storage, outside the public media root, and are served only
through `serve_private_media`, which asks the app that owns the path whether the reader
may read it. At scale the web server sends the bytes (X-Accel-Redirect).
"""

import mimetypes
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

ReadCheck = Callable[[AbstractBaseUser, str], bool]

_checks: dict[str, ReadCheck] = {}


def private_storage():
    """The storage of private files, for FileFields (`storage=private_storage`)."""
    return storages["private"]


def register_private_media(prefix: str, can_read: ReadCheck) -> None:
    """Declare that files under `prefix` are readable when `can_read(user, name)` says so."""
    _checks[prefix] = can_read


def _check_for(name: str) -> ReadCheck | None:
    matches = [prefix for prefix in _checks if name.startswith(prefix)]
    return _checks[max(matches, key=len)] if matches else None


def serve_private_media(request: HttpRequest, name: str) -> HttpResponse:
    """Serve a private file, answering 404 (never 403) to anyone who may not read it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise Http404
    check = _check_for(name)
    user = request.user
    if check is None or not user.is_authenticated or not check(user, name):
        raise Http404
    storage = storages["private"]
    if not storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.PRIVATE_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_REDIRECT + name
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
