"""Following people, topics and threads, and blocking people."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid, NotFound
from intranet.core.events import publish_event
from intranet.feeds.models import Block, PersonFollow, Post, ThreadFollow, Topic, TopicFollow
from intranet.feeds.selectors import can_read_post


def follow_person(*, actor: AbstractBaseUser, person: AbstractBaseUser, on: bool) -> None:
    if person.pk == actor.pk:
        raise Invalid(_("You cannot follow yourself."), code="self")
    if on:
        PersonFollow.objects.get_or_create(follower=actor, followed=person)
    else:
        PersonFollow.objects.filter(follower=actor, followed=person).delete()


def follow_topic(*, actor: AbstractBaseUser, topic: Topic, on: bool) -> None:
    if on:
        TopicFollow.objects.get_or_create(user=actor, topic=topic)
    else:
        TopicFollow.objects.filter(user=actor, topic=topic).delete()


def follow_thread(*, actor: AbstractBaseUser, post: Post, on: bool) -> None:
    """Hear of every comment in `post`'s thread (its author and commenters already do)."""
    if not can_read_post(actor, post):
        raise NotFound(_("No such post."))
    if on:
        ThreadFollow.objects.get_or_create(user=actor, post=post)
    else:
        ThreadFollow.objects.filter(user=actor, post=post).delete()


def block_person(*, actor: AbstractBaseUser, person: AbstractBaseUser, on: bool) -> None:
    """Blocking also stops following each other."""
    if person.pk == actor.pk:
        raise Invalid(_("You cannot block yourself."), code="self")
    with transaction.atomic():
        if on:
            Block.objects.get_or_create(blocker=actor, blocked=person)
            PersonFollow.objects.filter(follower=actor, followed=person).delete()
            PersonFollow.objects.filter(follower=person, followed=actor).delete()
        else:
            Block.objects.filter(blocker=actor, blocked=person).delete()
        # The blocker's open sockets read their blocks again on this event.
        publish_event(stream=f"user:{actor.pk}", type="person.blocked" if on else
                      "person.unblocked", data={"username": person.username})
