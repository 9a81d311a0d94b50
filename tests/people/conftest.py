"""A demo-like person, with something of everything the intranet keeps about people."""

from dataclasses import dataclass

import pytest

from intranet.announcements.models import Importance
from intranet.announcements.services.receipts import acknowledge
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.people.models import Department, Location
from intranet.people.services import profile_ensure, profile_update
from tests.announcements.conftest import publish as publish_announcement
from tests.feeds.conftest import give_role, png


@dataclass
class Demo:
    person: object   # Hélène Lefèvre, whose data is exported and erased
    colleague: object  # owns the group, mentions her, comments on her post
    hr: object
    reader: object   # a member of the group who reads everything
    group: object
    post: object     # hers, with an image
    mention: object  # the colleague's post mentioning her
    comment: object  # hers, under the colleague's post
    announcement: object


@pytest.fixture
def demo(make_person, settings) -> Demo:
    settings.WRITE_RATE_LIMITS = {}
    finance = Department.objects.create(name="Finance")
    lyon = Location.objects.create(name="Lyon")
    person = make_person("helene", first_name="Hélène", last_name="Lefèvre",
                         department=finance, location=lyon, job_title="Financial Controller",
                         phone="+33 4 00 00 00 01", bio="Keeps the quarterly close on time.",
                         skills=["IFRS", "Consolidation"], languages=["fr", "en"],
                         pronouns="she/her")
    profile_update(actor=person, profile=profile_ensure(user=person),
                   changes={"photo": png("portrait.png", color="navy")})
    colleague = make_person("bruno", first_name="Bruno", last_name="Garnier")
    reader = make_person("rita", first_name="Rita", last_name="Moreau")
    hr = make_person("hugo", first_name="Hugo", last_name="Renard")
    give_role(hr, "HR")
    group = group_create(actor=colleague, name="Finance club")
    for member in (person, reader):
        group_join(actor=member, group=group)
    post = post_create(actor=person, body="Quarterly close #budget checklist, ready",
                       group=group, images=[png("chart.png", color="olive")],
                       alt_texts=["The close calendar"])
    mention = post_create(actor=colleague, body="Thanks @helene for the close!", group=group)
    comment = comment_create(actor=person, post=mention, body="Glad to help @bruno")
    reaction_set(actor=person, post=mention, kind="celebrate", on=True)
    reaction_set(actor=colleague, post=post, kind="like", on=True)
    comment_create(actor=colleague, post=post, body="Great work")
    announcement = publish_announcement("Expense policy", importance=Importance.ACK_REQUIRED)
    acknowledge(user=person, page=announcement)
    return Demo(person=person, colleague=colleague, hr=hr, reader=reader, group=group,
                post=post, mention=mention, comment=comment, announcement=announcement)
