"""Background work of announcements: telling the audience, and Wagtail's scheduled
publishing and expiry.

Services enqueue these tasks; the tasks call back into services, imported when they run.
"""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def notify_audience(page_id: int) -> int:
    from intranet.announcements.models import AnnouncementPage
    from intranet.announcements.services.delivery import notify_audience_of

    page = AnnouncementPage.objects.live().filter(pk=page_id).first()
    return notify_audience_of(page) if page is not None else 0


@task()
def publish_scheduled_pages() -> str:
    """Periodic: Wagtail's go-live and expiry times, within the job's period."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()[-2000:]


@task()
def remind_before_due() -> int:
    """Periodic: the automatic reminders before acknowledgements' due dates."""
    from intranet.announcements.services.delivery import remind_before_due as remind

    return sum(remind().values())
