""""Always answer": questions and posts mentioning an official account that nobody
answered in time, oldest first, answered in one go as the official account."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.feeds.models import Comment, Post
from intranet.feeds.services.comments import comment_create
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db


def aged(post, hours):
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(hours=hours))
    return post


def test_the_unanswered_list_and_the_one_click_answer(company, publish, api_for, make_person):
    acme = make_person("acme", first_name="Acme", is_official=True)
    manager = make_person("cora")
    give_role(manager, "Community managers")
    question = aged(publish(company.member, "How do I book a desk?", group=company.open,
                            is_question=True), 30)
    mention = aged(publish(company.member, "Hey @acme, when is the launch?",
                           group=company.open), 40)
    answered = aged(publish(company.member, "Where is room 4?", group=company.open,
                            is_question=True), 50)
    comment_create(actor=company.owner, post=answered, body="Second floor")
    self_answered = aged(publish(company.member, "Any idea?", group=company.open,
                                 is_question=True), 50)
    comment_create(actor=company.member, post=self_answered, body="Still looking")
    aged(publish(company.member, "Fresh question?", group=company.open, is_question=True), 1)
    aged(publish(company.owner, "Atlas question?", group=company.secret, is_question=True),
         60)
    aged(publish(company.member, "Just news", group=company.open), 60)
    api = api_for(manager)
    listed = [post["id"] for post in api.get("/api/v1/moderation/unanswered/").json()
              ["results"]]
    assert listed == [self_answered.pk, mention.pk, question.pk]
    assert [p["id"] for p in api.get("/api/v1/moderation/unanswered/", {"hours": 35}).json()
            ["results"]] == [self_answered.pk, mention.pk]
    assert api.get("/api/v1/moderation/unanswered/", {"hours": "soon"}).status_code == 400
    assert api_for(company.moderator).get("/api/v1/moderation/unanswered/").status_code == 403
    answer = api.post(f"/api/v1/moderation/unanswered/{question.pk}/answer/",
                      {"body": "Use the desk app: Book > Desk."}, format="json")
    assert answer.status_code == 201 and answer.json()["author"] == "acme"
    assert Comment.objects.get(post=question, author=acme)
    assert question.pk not in [p["id"] for p in api.get(
        "/api/v1/moderation/unanswered/").json()["results"]]
    secret = Post.objects.get(body="Atlas question?")
    refused = api.post(f"/api/v1/moderation/unanswered/{secret.pk}/answer/",
                       {"body": "x"}, format="json")
    assert refused.status_code == 404
    assert api.post(f"/api/v1/moderation/unanswered/{mention.pk}/answer/",
                    {"body": "x", "account": company.member.username},
                    format="json").status_code == 400


def test_the_unanswered_page_answers_as_the_official_account(company, publish, client_for,
                                                             make_person):
    make_person("acme", first_name="Acme", is_official=True)
    manager = make_person("cora")
    give_role(manager, "Community managers")
    question = aged(publish(company.member, "How do I book a desk?", group=company.open,
                            is_question=True), 30)
    client = client_for(manager)
    page = client.get("/moderation/unanswered/").content.decode()
    assert "How do I book a desk?" in page and "Answer as Acme" in page
    done = client.post("/moderation/unanswered/", {"post": question.pk, "body": "The app."},
                       follow=True)
    assert "Answered" in done.content.decode()
    assert Comment.objects.filter(post=question, author__username="acme").exists()
    assert client.post("/moderation/unanswered/", {"post": "x", "body": "y"}).status_code == 404
    assert client_for(company.member).get("/moderation/unanswered/").status_code == 404
