"""Media served only to those who may read what it belongs to.

Two storages hold uploaded files. The "private" one (outside the media root) holds what
belongs to a group or to a person's restricted field: post images, profile photos,
covers. The default one holds Wagtail's images and documents, which belong to the pages
that use them. Neither is served directly: `serve_media` asks the app that owns the
path's prefix whether the reader may read it, and answers 404 (never 403) otherwise. At
scale the web server sends the bytes (X-Accel-Redirect).
"""

import mimetypes
import uuid
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.storage import storages
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.deconstruct import deconstructible

ReadCheck = Callable[[AbstractBaseUser, str], bool]

_checks: dict[tuple[str, str], ReadCheck] = {}


def private_storage():
    """The storage of private files, for FileFields (`storage=private_storage`)."""
    return storages["private"]


@deconstructible
class UnguessableName:
    """An upload's name under `folder`: random, so that an address seen once reveals
    nothing of later files; only whether it is a PNG is kept of the name it came with."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: models.Model, filename: str) -> str:
        suffix = "png" if filename.lower().endswith(".png") else "jpg"
        return f"{self.folder}/{uuid.uuid4().hex}.{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnguessableName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def private_image(folder: str, *args, **kwargs) -> models.ImageField:
    """An image field of the private storage, its files named unguessably under
    `folder` (a prefix that `register_private_media` gives a read check)."""
    return models.ImageField(*args, storage=private_storage, upload_to=UnguessableName(folder),
                             **kwargs)


def register_private_media(prefix: str, can_read: ReadCheck, *,
                           storage: str = "private") -> None:
    """Declare that files of `storage` under `prefix` are readable when
    `can_read(user, name)` says so."""
    _checks[(storage, prefix)] = can_read


def _check_for(storage: str, name: str) -> ReadCheck | None:
    matches = [prefix for alias, prefix in _checks if alias == storage
               and name.startswith(prefix)]
    return _checks[(storage, max(matches, key=len))] if matches else None


def may_read_media(user: AbstractBaseUser, name: str, *, storage: str = "private") -> bool:
    """Whether `user` may read the file `name` of `storage` (the one helper every path
    that hands out a file asks)."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return False
    check = _check_for(storage, name)
    return check is not None and user.is_authenticated and user.is_active \
        and check(user, name)


def serve_media(request: HttpRequest, name: str, storage: str = "private") -> HttpResponse:
    """Serve a file of `storage`, answering 404 (never 403) to anyone who may not read
    it."""
    if not may_read_media(request.user, name, storage=storage):
        raise Http404
    files = storages[storage]
    if not files.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    accel = settings.MEDIA_ACCEL_REDIRECT.get(storage)
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel + name
    else:
        response = FileResponse(files.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
