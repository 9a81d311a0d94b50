"""A word only some may read: nobody else gets a hit, a facet count, a suggestion or a
highlight containing it, whatever the engine."""

import pytest
from django.contrib.auth.models import Group

from intranet.feeds.services.posts import post_create, post_delete
from intranet.groups.services import group_create, group_join, member_invite
from intranet.people.services import profile_ensure, profile_update
from intranet.search.query import SearchRequest
from intranet.search.selectors import search, suggest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]

CANARIES = {"secret": "zorbulatrix", "private": "quixotaxel", "deleted": "vermiculon",
            "private_field": "plumbatorix"}


@pytest.fixture
def world(make_person, index_now):
    owner, member = make_person("olivia"), make_person("mike")
    outsider, staff, root = make_person("nora"), make_person("stan"), make_person("sue")
    staff.is_staff = True
    staff.save()
    staff.groups.add(Group.objects.get(name="Community managers"))
    root.is_superuser = root.is_staff = True
    root.save()
    secret = group_create(actor=owner, name="Zorbulatrix circle", visibility="secret",
                          description=f"About {CANARIES['secret']}")
    private = group_create(actor=owner, name="Quiet room", visibility="private")
    for group in (secret, private):
        member_invite(actor=owner, group=group, invitee=member)
        group_join(actor=member, group=group)
    post_create(actor=owner, body=f"Plans for {CANARIES['secret']} next week", group=secret)
    post_create(actor=owner, body=f"Notes on {CANARIES['private']}", group=private)
    doomed = post_create(actor=owner, body=f"Mistake {CANARIES['deleted']}", group=private)
    post_delete(actor=owner, post=doomed)
    profile_update(actor=None, profile=profile_ensure(user=owner), changes={
        "bio": f"I collect {CANARIES['private_field']}", "privacy": {"bio": "private"}})
    index_now()
    return {"owner": owner, "member": member, "outsider": outsider, "staff": staff,
            "root": root}


def everything_seen(user, word: str) -> str:
    found = search(user, SearchRequest(q=word))
    text = " ".join(f"{hit.title} {hit.snippet} {hit.url}" for hit in found.hits)
    facets = {name: counts for name, counts in found.facets.items() if counts}
    suggested = " ".join(hit.title for hit in suggest(user, word[:5]).hits)
    return f"{found.total} {text} {facets} {suggested}"


@pytest.mark.parametrize("who", ["outsider", "staff", "root"])
def test_no_trace_of_what_one_may_not_read(world, who):
    viewer = world[who]
    for word in CANARIES.values():
        found = search(viewer, SearchRequest(q=word))
        assert found.total == 0 and found.hits == [], word
        assert all(sum(counts.values()) == 0 for counts in found.facets.values()), word
        assert word not in everything_seen(viewer, word)
    assert "Zorbulatrix" not in " ".join(h.title for h in suggest(viewer, "Zorbu").hits)


def test_members_find_what_they_may_read(world):
    member = world["member"]
    for key in ("secret", "private"):
        found = search(member, SearchRequest(q=CANARIES[key]))
        assert found.total >= 1
        assert any(CANARIES[key] in hit.snippet for hit in found.hits)
    assert search(member, SearchRequest(q=CANARIES["deleted"])).total == 0
    assert search(member, SearchRequest(q=CANARIES["private_field"])).total == 0
    assert "Zorbulatrix circle" in [h.title for h in suggest(member, "Zorbu").hits]


def test_the_owner_of_a_private_field_is_not_found_by_it_either(world):
    assert search(world["owner"], SearchRequest(q=CANARIES["private_field"])).total == 0
