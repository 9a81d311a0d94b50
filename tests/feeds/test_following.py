"""Following without commenting: a thread, a topic, a person; the buttons answer in place
with their fresh selves, and the API does the same for outside clients."""

import pytest

from intranet.feeds.models import Notification, ThreadFollow
from intranet.feeds.services.comments import comment_create
from intranet.groups.services import member_remove

pytestmark = pytest.mark.django_db
IN_PLACE = {"HTTP_X_REQUESTED_WITH": "fetch"}


def replies_to(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person, kind="reply")
                .values_list("comment__body", flat=True))


def test_a_follower_hears_of_each_comment_and_stops_when_unfollowing(
        company, publish, client_for):
    post = publish(company.owner, "Where do we hold the offsite?", group=company.open)
    client = client_for(company.member)
    answer = client.post(f"/feed/posts/{post.pk}/follow/", {"on": "1"}, **IN_PLACE)
    assert answer.status_code == 200 and answer["X-In-Place"] == "1"
    html = answer.content.decode()
    assert "Stop following this thread" in html and 'name="on" value="0"' in html
    comment_create(actor=company.moderator, post=post, body="Lyon, in June")
    assert replies_to(company.member) == ["Lyon, in June"]
    client.post(f"/feed/posts/{post.pk}/follow/", {"on": "0"})
    comment_create(actor=company.moderator, post=post, body="Or Nantes")
    assert replies_to(company.member) == ["Lyon, in June"]
    page = client.get(f"/feed/posts/{post.pk}/").content.decode()
    assert "Follow this thread" in page


def test_a_follower_who_lost_access_hears_nothing(company, publish, client_for):
    post = publish(company.owner, "Atlas: the budget", group=company.secret)
    client_for(company.member).post(f"/feed/posts/{post.pk}/follow/", {"on": "1"})
    assert ThreadFollow.objects.filter(user=company.member, post=post).exists()
    member_remove(actor=company.owner, group=company.secret, user=company.member)
    comment_create(actor=company.owner, post=post, body="Approved at 2 million")
    assert replies_to(company.member) == []


def test_one_cannot_follow_what_one_may_not_read(company, publish, client_for, api_for):
    post = publish(company.owner, "Atlas: the budget", group=company.secret)
    assert client_for(company.outsider).post(
        f"/feed/posts/{post.pk}/follow/", {"on": "1"}).status_code == 404
    assert api_for(company.outsider).post(f"/api/v1/posts/{post.pk}/follow/").status_code == 404
    assert api_for(company.outsider).post("/api/v1/posts/999999/follow/").status_code == 404
    assert not ThreadFollow.objects.exists()


def test_the_api_follows_and_unfollows_a_thread(company, publish, api_for):
    post = publish(company.owner, "Quiz night", group=company.open)
    api = api_for(company.member)
    assert api.post(f"/api/v1/posts/{post.pk}/follow/").json() == {"on": True}
    assert ThreadFollow.objects.filter(user=company.member, post=post).exists()
    assert api.delete(f"/api/v1/posts/{post.pk}/follow/").json() == {"on": False}
    assert not ThreadFollow.objects.exists()


def test_following_a_topic_or_a_person_answers_in_place(company, publish, client_for):
    publish(company.owner, "Notes on #accessibility", group=company.open)
    client = client_for(company.member)
    topic = client.post("/feed/topics/accessibility/follow/", {"on": "1"}, **IN_PLACE)
    assert topic.status_code == 200 and "Stop following" in topic.content.decode()
    person = client.post(f"/feed/people/{company.owner.username}/follow/", {"on": "1"},
                         **IN_PLACE)
    assert person.status_code == 200 and "Stop following" in person.content.decode()
    myself = client.post(f"/feed/people/{company.member.username}/follow/", {"on": "1"},
                         **IN_PLACE)
    assert myself.status_code == 400 and myself.json()["error"]["code"] == "self"
    without_script = client.post("/feed/topics/accessibility/follow/", {"on": "0"})
    assert without_script.status_code == 302
