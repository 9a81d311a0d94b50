"""Conversations written before announcements used the feeds' comments and reactions
move there when the database is migrated, nothing lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from intranet.feeds.models import Comment, Post, Reaction
from tests.announcements.conftest import publish

BEFORE = [("intranet_announcements", "0003_conversation")]
AFTER = [("intranet_announcements", "0004_conversations_in_feeds")]


def migrate(targets) -> object:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_comments_and_reactions_move_to_a_conversation_post(make_person):
    ana, bob = make_person("ana"), make_person("bob")
    page = publish("Canteen menu")
    old = migrate(BEFORE)
    OldComment = old.get_model("intranet_announcements", "Comment")
    OldReaction = old.get_model("intranet_announcements", "Reaction")
    OldComment.objects.create(page_id=page.pk, author_id=ana.pk, body="Yum", html="<p>Yum</p>")
    OldComment.objects.create(page_id=page.pk, author_id=bob.pk, body="Gone", html="<p>Gone</p>",
                              deleted_at="2026-01-01T00:00:00Z")
    for user, kind in ((ana, "like"), (bob, "like"), (bob, "love")):
        OldReaction.objects.create(page_id=page.pk, user_id=user.pk, kind=kind)
    migrate(AFTER)
    post = Post.objects.get(subject_type="announcement", subject_id=page.pk)
    assert post.comment_count == 1 and post.reaction_counts == {"like": 2, "love": 1}
    assert list(Comment.objects.filter(post=post).values_list("body", flat=True)
                .order_by("pk")) == ["Yum", "Gone"]
    assert Reaction.objects.filter(post=post).count() == 3
