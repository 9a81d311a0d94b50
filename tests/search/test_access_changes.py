"""Access changes take effect in search at once, with nothing reindexed."""

import pytest

from intranet.feeds.services.posts import post_create
from intranet.groups.services import (
    group_create,
    group_join,
    group_update,
    member_invite,
    member_remove,
)
from intranet.people.services import employee_leave, profile_ensure, profile_update
from intranet.search.models import IndexOutbox
from intranet.search.query import SearchRequest
from intranet.search.selectors import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def hits(user, word: str, kinds=()) -> int:
    return search(user, SearchRequest(q=word, kinds=tuple(kinds))).total


def test_a_removed_member_loses_the_groups_posts_at_once(make_person, index_now):
    owner, member = make_person("olivia"), make_person("mike")
    group = group_create(actor=owner, name="Circle", visibility="private")
    member_invite(actor=owner, group=group, invitee=member)
    group_join(actor=member, group=group)
    post_create(actor=owner, body="The flamboyant budget", group=group)
    index_now()
    assert hits(member, "flamboyant") == 1
    member_remove(actor=owner, group=group, user=member)
    assert IndexOutbox.objects.filter(kind="post").count() == 0
    assert hits(member, "flamboyant") == 0


def test_an_open_group_turning_private_hides_its_posts_from_non_members(make_person,
                                                                        index_now):
    owner, passer_by = make_person("olivia"), make_person("val")
    group = group_create(actor=owner, name="Open circle")
    post_create(actor=owner, body="Quarterly kaleidoscope review", group=group)
    index_now()
    assert hits(passer_by, "kaleidoscope") == 1
    group_update(actor=owner, group=group, changes={"visibility": "private"})
    assert hits(passer_by, "kaleidoscope", ["post"]) == 0
    assert hits(owner, "kaleidoscope", ["post"]) == 1


def test_privacy_changes_and_leavers_leave_the_index(make_person, index_now):
    ana = make_person("ana", job_title="Astrophysicist")
    viewer = make_person("val")
    index_now()
    assert hits(viewer, "astrophysicist", ["person"]) == 1
    profile_update(actor=ana, profile=profile_ensure(user=ana),
                   changes={"privacy": {"job_title": "groups"}})
    index_now()
    assert hits(viewer, "astrophysicist", ["person"]) == 0
    assert hits(viewer, "Ana", ["person"]) == 1
    employee_leave(actor=None, profile=profile_ensure(user=ana))
    index_now()
    assert hits(viewer, "Ana", ["person"]) == 0
