"""Background work of the feeds: link previews, scheduled posts, e-mails.

Services enqueue these tasks; the tasks call back into services, which they import when
they run (the two depend on each other).
"""

from django_tasks import task

from feeds import emails, previews


@task(queue_name="fetch")
def fetch_link_preview(post_id: int) -> bool:
    return previews.attach_preview(post_id)


@task()
def publish_scheduled_posts() -> int:
    from feeds.services.posts import publish_due_posts

    return publish_due_posts()


@task(queue_name="email")
def email_notification(notification_id: int) -> bool:
    return emails.email_one(notification_id)


@task(queue_name="email")
def send_daily_digests() -> int:
    return emails.send_digests()
