"""Background work of the feeds: link previews, scheduled posts, e-mails, and how long
notifications and link previews are kept.

Services enqueue these tasks; the tasks call back into services, which they import when
they run (the two depend on each other).
"""

from django.conf import settings
from django_tasks import task

from intranet.core.retention import kept_since
from intranet.feeds import emails, previews
from intranet.feeds.models import Notification, Post


@task(queue_name="fetch")
def fetch_link_preview(post_id: int) -> bool:
    return previews.attach_preview(post_id)


@task()
def publish_scheduled_posts() -> int:
    from intranet.feeds.services.posts import publish_due_posts

    return publish_due_posts()


@task(queue_name="email")
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail each of these notifications at once (a mention, an important
    announcement), if its reader may still see it and has not read it yet; those held by
    their reader's quiet hours are enqueued again for when those end."""
    return emails.email_many(notification_ids)


@task()
def notify_group_mention(post_id: int) -> int:
    from intranet.feeds.services.posts import group_mention_notify

    return group_mention_notify(post_id)


@task(queue_name="email")
def send_daily_digests() -> int:
    return emails.send_digests()


@task(queue_name="email")
def send_held_digests(user_ids: list[int]) -> int:
    """The digests of these people, held by their quiet hours until now."""
    return emails.send_digests(user_ids=user_ids)



@task()
def prune_notifications() -> int:
    """Periodic: forget notifications untouched for NOTIFICATION_RETENTION_DAYS."""
    cutoff = kept_since(settings.NOTIFICATION_RETENTION_DAYS)
    if cutoff is None:
        return 0
    return Notification.objects.filter(updated_at__lt=cutoff).delete()[0]


@task()
def prune_link_previews() -> int:
    """Periodic: posts older than LINK_PREVIEW_RETENTION_DAYS keep their link, not the
    copy of the linked page's title, description and image."""
    cutoff = kept_since(settings.LINK_PREVIEW_RETENTION_DAYS)
    if cutoff is None:
        return 0
    old = Post.objects.filter(created_at__lt=cutoff).exclude(
        link_title="", link_description="", link_image="")
    pruned = 0
    for post in old.only("pk", "link_image").iterator(chunk_size=500):
        if post.link_image:
            post.link_image.storage.delete(post.link_image.name)
        pruned += Post.objects.filter(pk=post.pk).update(link_title="", link_description="",
                                                         link_image="")
    return pruned
