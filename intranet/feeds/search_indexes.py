"""Posts in search, with their comments' text, readable by the post's audience; held
and hidden posts and comments are left out."""

from django.db.models import Prefetch
from django.urls import reverse
from elasticsearch.dsl import Integer, Keyword

from intranet.feeds.extensions import post_subject
from intranet.feeds.models import Comment, Post, PostRevision, Reaction
from intranet.feeds.selectors import post_audience
from intranet.search.analysis import multilingual_text
from intranet.search.documents import SearchDocument
from intranet.search.registry import SearchIndex, register

MAX_COMMENTS_TEXT = 20_000


class PostDocument(SearchDocument):
    title = multilingual_text()
    body = multilingual_text()
    comments = multilingual_text()
    author_name = multilingual_text()
    topics = Keyword()
    reactions = Integer()


class PostIndex(SearchIndex):
    kind = "post"
    model = Post
    document = PostDocument
    text_fields = ("body", "comments", "author_name")
    related = {
        Comment: lambda comment: [comment.post_id],
        Reaction: lambda reaction: [reaction.post_id],
        PostRevision: lambda revision: [revision.post_id],
    }

    def queryset(self):
        return Post.objects.select_related("author", "group").prefetch_related(
            "topics", Prefetch("comments", queryset=Comment.objects.filter(
                deleted_at__isnull=True, moderation_state="").only("post_id", "body"),
                to_attr="live_comments"))

    def document_for(self, post: Post) -> dict | None:
        if post.published_at is None or post.deleted_at is not None or post.moderation_state:
            return None  # held and hidden posts are read from the feed and the queue
        comments = " ".join(c.body for c in post.live_comments)[:MAX_COMMENTS_TEXT]
        subject = post_subject(post.subject_type)
        if subject is not None and not comments:
            return None  # a conversation is found by what is said in it
        return {
            "kind": self.kind, "audience": post_audience(post),
            "title": post.body.splitlines()[0][:120] if post.body else "",
            "body": "" if subject else post.body, "comments": comments,
            "author": post.author.username, "author_name": post.author.get_display_name(),
            "group": post.group.slug if post.group_id else "",
            "topics": [topic.slug for topic in post.topics.all()],
            "reactions": sum(post.reaction_counts.values()),
            "url": subject.url(post.subject_id) if subject else reverse("feeds:post",
                                                                         args=[post.pk]),
            "created_at": post.published_at.isoformat(),
        }


register(PostIndex())
