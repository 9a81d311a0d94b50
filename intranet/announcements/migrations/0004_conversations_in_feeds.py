from collections import Counter

from django.db import migrations
from django.utils import timezone


def move_to_feeds(apps, schema_editor):
    """Each announcement's comments and reactions move to a conversation post of the
    feeds, whose subject is the announcement."""
    Page = apps.get_model("intranet_announcements", "AnnouncementPage")
    OldComment = apps.get_model("intranet_announcements", "Comment")
    OldReaction = apps.get_model("intranet_announcements", "Reaction")
    Post = apps.get_model("intranet_feeds", "Post")
    Comment = apps.get_model("intranet_feeds", "Comment")
    Reaction = apps.get_model("intranet_feeds", "Reaction")
    User = apps.get_model("intranet_accounts", "User")
    pages = set(OldComment.objects.values_list("page_id", flat=True)) | set(
        OldReaction.objects.values_list("page_id", flat=True))
    for page in Page.objects.filter(pk__in=pages):
        comments = list(OldComment.objects.filter(page=page).order_by("created_at", "pk"))
        reactions = list(OldReaction.objects.filter(page=page))
        author_id = page.owner_id or (comments[0].author_id if comments else None) or (
            User.objects.filter(is_superuser=True).order_by("pk").values_list(
                "pk", flat=True).first()) or reactions[0].user_id
        now = timezone.now()
        post = Post.objects.create(
            author_id=author_id, subject_type="announcement", subject_id=page.pk,
            audience_key=f"announcement:{page.pk}", body=page.title,
            published_at=page.first_published_at or now, last_activity_at=now,
            comment_count=sum(1 for c in comments if c.deleted_at is None),
            reaction_counts=dict(Counter(r.kind for r in reactions)))
        for comment in comments:
            made = Comment.objects.create(post=post, author_id=comment.author_id,
                                          body=comment.body, html=comment.html,
                                          edited_at=comment.edited_at,
                                          deleted_at=comment.deleted_at)
            Comment.objects.filter(pk=made.pk).update(created_at=comment.created_at)
        Reaction.objects.bulk_create([Reaction(post=post, user_id=r.user_id, kind=r.kind)
                                      for r in reactions], ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("intranet_announcements", "0003_conversation"),
        ("intranet_feeds", "0004_conversations"),
    ]

    operations = [
        migrations.RunPython(move_to_feeds, migrations.RunPython.noop),
        migrations.DeleteModel(name="Comment"),
        migrations.DeleteModel(name="Reaction"),
    ]
