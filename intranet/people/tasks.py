"""Background work about people: building data exports, erasing, expiring exports.

The services enqueue these, importing this module when they do (it imports them)."""

from django_tasks import task

from intranet.people import erasure, exports


@task()
def build_export(export_id: str) -> str:
    return exports.build(export_id)


@task()
def erase_person(request_id: int) -> str:
    return erasure.erase(request_id)


@task()
def expire_exports() -> int:
    """Periodic: the files of expired exports are deleted."""
    return exports.expire_exports()
