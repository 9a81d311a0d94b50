"""Posts, comments, reactions, topics, follows, blocks, notifications and mutes.

A post is stored once with one audience key (`company`, or `group:<id>`); feeds read it by
filtering on the reader's keys (fan-out on read). Notifications are written per person
(fan-out on write).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.media import private_image
from intranet.groups.models import InterestGroup

MAX_BODY = 20_000


class ReactionKind(models.TextChoices):
    LIKE = "like", "👍"
    LOVE = "love", "❤️"
    CELEBRATE = "celebrate", "🎉"
    LAUGH = "laugh", "😄"
    INSIGHTFUL = "insightful", "💡"
    SAD = "sad", "😢"


class Withheld(models.TextChoices):
    """Why a post or comment is shown only to its author and its moderators: held for
    review before anyone else sees it, or hidden after it was published."""

    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by the moderators")


class Topic(models.Model):
    """A #topic, named as people first wrote it, matched without case or accents."""

    name = models.CharField(_("name"), max_length=64)
    slug = models.SlugField(_("address"), max_length=80, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return f"#{self.name}"


class Post(models.Model):
    """Something a person wrote in a group or for the whole company.

    A post may also be the conversation under another app's object (an announcement):
    it then has a `subject`, appears in no feed, and is read by whoever may read its
    subject (`intranet.feeds.extensions.register_post_subject`), so that comments, reactions,
    mentions, notifications, blocks and search work there as under any post."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="posts")
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="posts")
    audience_key = models.CharField(max_length=64)
    body = models.TextField(_("text"), max_length=MAX_BODY)
    html = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="posts")
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    publish_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    pinned_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    is_question = models.BooleanField(default=False)
    best_answer = models.ForeignKey("Comment", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    last_activity_at = models.DateTimeField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)
    reaction_counts = models.JSONField(default=dict, blank=True)
    link_url = models.URLField(max_length=2000, blank=True)
    link_title = models.CharField(max_length=300, blank=True)
    link_description = models.CharField(max_length=1000, blank=True)
    link_image = private_image("feeds/previews", blank=True)
    subject_type = models.CharField(max_length=32, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    # Set by moderation (intranet.moderation): "" when everyone in the audience reads it.
    moderation_state = models.CharField(max_length=8, choices=Withheld.choices, blank=True,
                                        default="")
    moderation_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [models.UniqueConstraint(
            fields=["subject_type", "subject_id"], condition=~models.Q(subject_type=""),
            name="feeds_one_conversation_per_subject")]
        indexes = [
            models.Index(fields=["audience_key", "-published_at", "-id"],
                         name="feeds_audience_idx"),
            models.Index(fields=["audience_key", "-last_activity_at", "-id"],
                         name="feeds_activity_idx"),
            models.Index(fields=["author", "-published_at"], name="feeds_author_idx"),
            models.Index(fields=["publish_at"], name="feeds_scheduled_idx",
                         condition=models.Q(published_at__isnull=True)),
            models.Index(fields=["-published_at", "-id"], name="feeds_newest_idx"),
            models.Index(fields=["-pinned_at"], name="feeds_pinned_idx",
                         condition=models.Q(pinned_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.deleted_at is None


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = private_image("feeds/images", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    # What the image shows, for those who cannot see it (screen readers, slow networks).
    alt_text = models.CharField(max_length=500, blank=True)
    # The lighter copy the feed shows (intranet.core.images.display_copy); the original
    # is what its link opens. Images posted before copies were made have none.
    display = private_image("feeds/images/display", blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.image.name

    @property
    def shown(self):
        """The file a card shows: the display copy, or the original when there is none."""
        return self.display or self.image


class PostRevision(models.Model):
    """A post's text as it was before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="comments")
    body = models.TextField(max_length=MAX_BODY)
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    reaction_counts = models.JSONField(default=dict, blank=True)
    moderation_state = models.CharField(max_length=8, choices=Withheld.choices, blank=True,
                                        default="")
    moderation_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"], name="feeds_comment_post_idx")]

    def __str__(self) -> str:
        return f"{self.author} on {self.post_id}"


class Reaction(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="reactions")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="reactions")
    kind = models.CharField(max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post", "kind"], name="feeds_one_post_reaction",
                                    condition=models.Q(comment__isnull=True)),
            models.UniqueConstraint(fields=["user", "comment", "kind"],
                                    name="feeds_one_comment_reaction",
                                    condition=models.Q(comment__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class TopicFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="followers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"],
                                               name="feeds_one_topic_follow")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.topic}"


class ThreadFollow(models.Model):
    """Hearing of every comment in a thread without having commented in it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_threads")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="followers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"],
                                               name="feeds_one_thread_follow")]

    def __str__(self) -> str:
        return f"{self.user} follows post {self.post_id}"


class PersonFollow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="following")
    followed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="followers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["follower", "followed"],
                                               name="feeds_one_person_follow")]

    def __str__(self) -> str:
        return f"{self.follower} follows {self.followed}"


class Block(models.Model):
    """The blocked person leaves the blocker's feeds and can no longer reach them."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"],
                                               name="feeds_one_block")]

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mention")
    GROUP_MENTION = "group_mention", _("Mention of a group")
    COMMENT = "comment", _("Comment")
    REPLY = "reply", _("Reply in a thread")
    REACTION = "reaction", _("Reaction")
    BEST_ANSWER = "best_answer", _("Best answer")
    GROUP = "group", _("Group")
    ANNOUNCEMENT = "announcement", _("Announcement")
    MODERATION = "moderation", _("Moderation")


class Notification(models.Model):
    """Something for one person to look at.

    Reactions to the same thing are batched in one unread notification ("Ana and 4
    others"): `actors` holds who, newest first.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    actors = models.JSONField(default=list)
    actor_count = models.PositiveIntegerField(default=1)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    # The id of what it is about when that belongs to another app (an announcement):
    # that app's read policy decides whether it is shown (intranet.feeds.extensions).
    target_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-updated_at"],
                                name="feeds_unread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    email_mentions = models.BooleanField(_("E-mail me at once when I am mentioned"),
                                         default=True)
    daily_digest = models.BooleanField(_("Send me a daily digest of what I missed"),
                                       default=True)
    notify_reactions = models.BooleanField(_("Tell me about reactions to what I wrote"),
                                           default=True)
    notify_comments = models.BooleanField(_("Tell me about comments in my threads"),
                                          default=True)
    muted_until = models.DateTimeField(_("Everything muted until"), null=True, blank=True)
    # Quiet hours: no e-mail is sent from `quiet_from` to `quiet_until`, local times of
    # the site's TIME_ZONE (profiles have no time zone of their own). The period may wrap
    # midnight (20:00 to 08:00). Both or neither.
    quiet_from = models.TimeField(_("Quiet hours from"), null=True, blank=True)
    quiet_until = models.TimeField(_("Quiet hours until"), null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=models.Q(quiet_from__isnull=True, quiet_until__isnull=True)
            | models.Q(quiet_from__isnull=False, quiet_until__isnull=False),
            name="feeds_quiet_hours_both_or_neither")]

    def __str__(self) -> str:
        return f"notification settings of {self.user}"

    def quiet_end(self, now: datetime) -> datetime | None:
        """When the quiet hours that `now` falls in end, or None when `now` is not in
        quiet hours. The start is inside, the end outside; equal times mean none."""
        start, end = self.quiet_from, self.quiet_until
        if start is None or end is None or start == end:
            return None
        zone = timezone.get_default_timezone()
        local = timezone.localtime(now, zone)
        moment = local.time().replace(tzinfo=None)
        if start < end:
            quiet, day = start <= moment < end, local.date()
        elif moment >= start:  # wraps midnight, before it: it ends tomorrow
            quiet, day = True, local.date() + timedelta(days=1)
        else:
            quiet, day = moment < end, local.date()
        if not quiet:
            return None
        return datetime.combine(day, end, tzinfo=zone)


class Mute(models.Model):
    """Silence one group or one thread until a time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="mutes")
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    until = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(
            condition=models.Q(group__isnull=False) ^ models.Q(post__isnull=False),
            name="feeds_mute_one_target")]

    def __str__(self) -> str:
        return f"{self.user} mutes {self.group_id or self.post_id}"
