"""Posting, editing, deleting, pinning, locking, questions, scheduled posts, comments and
reactions, through the API as clients use them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intranet.core.models import Event
from intranet.feeds.models import Comment, Post, PostImage, PostRevision, Reaction
from intranet.feeds.services.posts import publish_due_posts
from intranet.groups.services import group_set_archived
from tests.feeds.conftest import give_role, png

pytestmark = pytest.mark.django_db


def create(api, body: str, group: str | None = None, **extra):
    return api.post("/api/v1/posts/", {"body": body, "group": group, **extra}, format="json")


def feed_ids(api, path: str = "/api/v1/feed/") -> list[int]:
    response = api.get(path)
    assert response.status_code == 200, response.content
    return [entry["post"]["id"] for entry in response.json()["results"]]


# Posting where one may, and not where one may not


@pytest.mark.smoke
def test_a_member_posts_in_their_group(company, api_for):
    response = create(api_for(company.member), "Next book: **Dune**", "book-club")
    assert response.status_code == 201, response.content
    post = response.json()
    assert (post["author"], post["group"], post["body"]) == ("mike", "book-club",
                                                             "Next book: **Dune**")
    assert "<strong>Dune</strong>" in post["html"]
    assert post["published"] is True and post["edited_at"] is None
    assert (post["comment_count"], post["reactions"]) == (0, {})
    assert api_for(company.outsider).get(f"/api/v1/posts/{post['id']}/").status_code == 200


def test_a_non_member_may_read_an_open_group_but_not_post_in_it(company, api_for):
    response = create(api_for(company.outsider), "Hello", "book-club")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Post.objects.exists()


@pytest.mark.parametrize("slug", ["secret", "no-such-group"])
def test_a_secret_group_does_not_exist_for_non_members(company, api_for, slug):
    response = create(api_for(company.outsider), "Hello",
                      company.secret.slug if slug == "secret" else slug)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert not Post.objects.exists()


def test_a_non_member_of_a_private_group_may_not_post(company, api_for):
    assert create(api_for(company.outsider), "Hello", "women-in-tech").status_code == 403


@pytest.mark.smoke
@pytest.mark.parametrize("role", ["HR", "Communications"])
def test_company_wide_posts_are_for_hr_and_communications(make_person, api_for, role):
    ana = make_person("ana")
    refused = create(api_for(ana), "To everyone")
    assert refused.status_code == 403
    give_role(ana, role)
    allowed = create(api_for(ana), "To everyone")
    assert allowed.status_code == 201, allowed.content
    assert allowed.json()["group"] is None
    assert feed_ids(api_for(make_person("bob"))) == [allowed.json()["id"]]


def test_a_group_moderator_does_not_post_company_wide(company, api_for):
    assert create(api_for(company.owner), "To everyone").status_code == 403


def test_an_archived_group_refuses_posts_and_comments(company, api_for, publish):
    before = publish(company.member, "Before the archive", group=company.open)
    group_set_archived(actor=company.owner, group=company.open, archived=True)
    api = api_for(company.member)
    response = create(api, "After", "book-club")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "archived"
    comment = api.post(f"/api/v1/posts/{before.pk}/comments/", {"body": "Hi"}, format="json")
    assert comment.status_code == 409
    assert Post.objects.count() == 1
    assert not Comment.objects.exists()


def test_an_archived_group_keeps_its_posts_as_they_are(company, api_for, publish):
    from intranet.feeds.services.comments import comment_create

    post = publish(company.member, "As it was", group=company.open)
    comment = comment_create(actor=company.moderator, post=post, body="Indeed")
    group_set_archived(actor=company.owner, group=company.open, archived=True)
    api = api_for(company.member)
    assert api.get(f"/api/v1/posts/{post.pk}/").status_code == 200
    for response in (
            api.patch(f"/api/v1/posts/{post.pk}/", {"body": "Changed"}, format="json"),
            api.post(f"/api/v1/posts/{post.pk}/reactions/", {"kind": "like"}, format="json"),
            api.post(f"/api/v1/comments/{comment.pk}/reactions/", {"kind": "like"},
                     format="json"),
            api_for(company.moderator).patch(f"/api/v1/comments/{comment.pk}/",
                                             {"body": "Changed"}, format="json")):
        assert response.status_code == 409, response.content
        assert response.json()["error"]["code"] == "archived"
    assert Post.objects.get(pk=post.pk).body == "As it was"
    assert not Reaction.objects.exists()
    # moderators may still take something down
    assert api_for(company.moderator).delete(f"/api/v1/posts/{post.pk}/").status_code == 204


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_post_is_refused(company, api_for, body):
    response = create(api_for(company.member), body, "book-club")
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert not Post.objects.exists()


# Markdown


def test_markdown_is_rendered_and_mentions_and_topics_become_links(company, make_person,
                                                                   api_for):
    make_person("ana", first_name="Ana", last_name="Lima")
    post = create(api_for(company.member), "# Title\n\n*Hi* @ana and @ghost, see #Lecture "
                  "and https://example.com/page", "book-club").json()
    html = post["html"]
    assert "<em>Hi</em>" in html
    assert ('<a href="/people/ana/" class="mention" rel="nofollow noopener noreferrer">'
            "Ana Lima</a>") in html
    assert "@ghost" in html
    assert "/people/ghost/" not in html
    assert 'href="/feed/topics/lecture/"' in html
    assert 'href="https://example.com/page"' in html and 'rel="nofollow' in html
    assert "<h1>" not in html  # headings are limited to h3-h6 in posts
    assert post["topics"] == ["lecture"]


def test_a_mention_inside_a_link_keeps_the_link_whole(company, make_person, api_for):
    make_person("ana")
    post = create(api_for(company.member), "[@ana's #notes](https://example.com/notes)",
                  "book-club").json()
    assert post["html"].count("<a ") == 1
    assert ">@ana's #notes</a>" in post["html"]


# Images


def test_a_post_carries_up_to_ten_images(company, api_for):
    api = api_for(company.member)
    response = api.post("/api/v1/posts/", {"body": "Holiday", "group": "book-club",
                                           "images": [png(f"p{i}.png") for i in range(10)]},
                        format="multipart")
    assert response.status_code == 201, response.content
    images = response.json()["images"]
    assert len(images) == 10
    assert all(image["width"] == 40 and image["height"] == 30 for image in images)
    assert PostImage.objects.count() == 10


def test_eleven_images_are_refused(company, api_for):
    response = api_for(company.member).post(
        "/api/v1/posts/", {"body": "Too many", "group": "book-club",
                           "images": [png(f"p{i}.png") for i in range(11)]},
        format="multipart")
    assert response.status_code == 400
    assert "images" in response.json()["error"]["fields"]
    assert not Post.objects.exists() and not PostImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(company, api_for):
    disguised = SimpleUploadedFile("cat.png", b"#!/bin/sh\necho not a picture\n",
                              content_type="image/png")
    response = api_for(company.member).post(
        "/api/v1/posts/", {"body": "Look", "group": "book-club", "images": [png(), disguised]},
        format="multipart")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_image"
    assert "images" in error["fields"]
    assert not Post.objects.exists() and not PostImage.objects.exists()


# Editing and deleting


@pytest.mark.smoke
def test_editing_keeps_the_history(company, api_for, publish):
    post = publish(company.member, "First words", group=company.open)
    response = api_for(company.member).patch(f"/api/v1/posts/{post.pk}/",
                                             {"body": "Better *words*"}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["body"] == "Better *words*" and "<em>words</em>" in data["html"]
    assert data["edited_at"] is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", "edited_by")) == [
        ("First words", company.member.pk)]


def test_only_the_author_or_a_moderator_edits_and_deletes(company, make_person, api_for,
                                                          publish):
    post = publish(company.member, "Mine", group=company.open)
    for stranger in (company.outsider, company.hr):
        api = api_for(stranger)
        assert api.patch(f"/api/v1/posts/{post.pk}/", {"body": "Theirs"},
                         format="json").status_code == 403
        assert api.delete(f"/api/v1/posts/{post.pk}/").status_code == 403
    post.refresh_from_db()
    assert post.body == "Mine" and post.deleted_at is None
    moderated = api_for(company.moderator).patch(f"/api/v1/posts/{post.pk}/",
                                                 {"body": "Tidied"}, format="json")
    assert moderated.status_code == 200
    assert PostRevision.objects.get(post=post).edited_by == company.moderator


def test_a_deleted_post_is_gone_but_kept(company, api_for, publish):
    post = publish(company.member, "Oops", group=company.open)
    api = api_for(company.member)
    assert feed_ids(api) == [post.pk]
    assert api.delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    assert api.get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert feed_ids(api) == []
    assert feed_ids(api, "/api/v1/groups/book-club/posts/") == []
    assert feed_ids(api, "/api/v1/people/mike/posts/") == []
    assert api.delete(f"/api/v1/posts/{post.pk}/").status_code == 404
    kept = Post.objects.get(pk=post.pk)
    assert kept.deleted_at is not None and kept.deleted_by == company.member
    assert kept.body == "Oops"


def test_a_moderator_deletes_someone_elses_post(company, api_for, publish):
    post = publish(company.member, "Spam", group=company.private)
    assert api_for(company.moderator).delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    assert Post.objects.get(pk=post.pk).deleted_by == company.moderator


def test_a_private_post_is_404_to_outsiders_whatever_they_try(company, api_for, publish):
    post = publish(company.member, "Members only", group=company.secret)
    api = api_for(company.outsider)
    for response in (api.get(f"/api/v1/posts/{post.pk}/"),
                     api.patch(f"/api/v1/posts/{post.pk}/", {"body": "x"}, format="json"),
                     api.delete(f"/api/v1/posts/{post.pk}/"),
                     api.get(f"/api/v1/posts/{post.pk}/comments/"),
                     api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "x"},
                              format="json"),
                     api.post(f"/api/v1/posts/{post.pk}/reactions/", {"kind": "like"},
                              format="json"),
                     api.post(f"/api/v1/posts/{post.pk}/pin/")):
        assert response.status_code == 404, response.content
    assert Post.objects.get(pk=post.pk).body == "Members only"
    assert not Reaction.objects.exists() and not Comment.objects.exists()


# Pinning and locking


def test_moderators_pin_and_unpin(company, api_for, publish):
    first = publish(company.member, "Rules of the club", group=company.open)
    later = publish(company.member, "Something newer", group=company.open)
    assert api_for(company.member).post(f"/api/v1/posts/{first.pk}/pin/").status_code == 403
    pinned = api_for(company.moderator).post(f"/api/v1/posts/{first.pk}/pin/")
    assert pinned.status_code == 200 and pinned.json()["pinned"] is True
    reader = api_for(company.outsider)
    assert feed_ids(reader, "/api/v1/groups/book-club/posts/") == [first.pk, later.pk]
    assert feed_ids(api_for(company.member)) == [first.pk, later.pk]
    unpinned = api_for(company.owner).delete(f"/api/v1/posts/{first.pk}/pin/")
    assert unpinned.json()["pinned"] is False
    assert feed_ids(reader, "/api/v1/groups/book-club/posts/") == [later.pk, first.pk]


def test_a_locked_thread_refuses_comments(company, api_for, publish):
    post = publish(company.member, "Debate", group=company.open)
    api = api_for(company.member)
    assert api.post(f"/api/v1/posts/{post.pk}/lock/").status_code == 403
    locked = api_for(company.moderator).post(f"/api/v1/posts/{post.pk}/lock/")
    assert locked.status_code == 200 and locked.json()["locked"] is True
    refused = api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "But!"}, format="json")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "locked"
    assert not Comment.objects.exists()
    assert api_for(company.moderator).delete(f"/api/v1/posts/{post.pk}/lock/").json()[
        "locked"] is False
    assert api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "But!"},
                    format="json").status_code == 201


# Questions


def test_the_author_of_a_question_marks_its_best_answer(company, api_for, publish):
    question = publish(company.member, "Which editor?", group=company.open, is_question=True)
    other = publish(company.member, "Unrelated", group=company.open)
    answer = api_for(company.moderator).post(f"/api/v1/posts/{question.pk}/comments/",
                                             {"body": "Vim"}, format="json").json()
    elsewhere = api_for(company.moderator).post(f"/api/v1/posts/{other.pk}/comments/",
                                                {"body": "Hm"}, format="json").json()
    path = f"/api/v1/posts/{question.pk}/best-answer/"
    assert api_for(company.moderator).post(path, {"comment": answer["id"]},
                                           format="json").status_code == 403
    assert api_for(company.outsider).post(path, {"comment": answer["id"]},
                                          format="json").status_code == 403
    wrong = api_for(company.member).post(path, {"comment": elsewhere["id"]}, format="json")
    assert wrong.status_code == 400
    assert "comment" in wrong.json()["error"]["fields"]
    marked = api_for(company.member).post(path, {"comment": answer["id"]}, format="json")
    assert marked.status_code == 200, marked.content
    assert marked.json()["best_answer"] == answer["id"]
    assert api_for(company.outsider).get(f"/api/v1/posts/{question.pk}/").json()[
        "best_answer"] == answer["id"]


@pytest.mark.parametrize("payload", [{"comment": "abc"}, {"comment": [1]}, {}])
def test_a_malformed_best_answer_is_400(company, api_for, publish, payload):
    question = publish(company.member, "Which?", group=company.open, is_question=True)
    response = api_for(company.member).post(f"/api/v1/posts/{question.pk}/best-answer/",
                                            payload, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()["error"]["fields"]


def test_the_best_answer_can_be_cleared(company, api_for, publish):
    question = publish(company.member, "Which?", group=company.open, is_question=True)
    answer = api_for(company.moderator).post(f"/api/v1/posts/{question.pk}/comments/",
                                             {"body": "This"}, format="json").json()
    path = f"/api/v1/posts/{question.pk}/best-answer/"
    api = api_for(company.member)
    assert api.post(path, {"comment": answer["id"]}, format="json").json()["best_answer"] == \
        answer["id"]
    assert api.post(path, {"comment": None}, format="json").json()["best_answer"] is None


def test_only_questions_have_a_best_answer(company, api_for, publish):
    post = publish(company.member, "A statement", group=company.open)
    comment = api_for(company.moderator).post(f"/api/v1/posts/{post.pk}/comments/",
                                              {"body": "Yes"}, format="json").json()
    response = api_for(company.member).post(f"/api/v1/posts/{post.pk}/best-answer/",
                                            {"comment": comment["id"]}, format="json")
    assert response.status_code == 400
    assert Post.objects.get(pk=post.pk).best_answer is None


# Scheduled posts


def test_a_scheduled_post_waits_for_its_time(company, api_for, publish):
    later = timezone.now() + timedelta(hours=2)
    api = api_for(company.member)
    response = create(api, "Coming soon", "book-club", publish_at=later.isoformat())
    assert response.status_code == 201, response.content
    post = response.json()
    assert post["published"] is False
    assert api.get(f"/api/v1/posts/{post['id']}/").json()["published"] is False
    reader = api_for(company.moderator)
    assert reader.get(f"/api/v1/posts/{post['id']}/").status_code == 404
    assert feed_ids(reader) == [] and feed_ids(api) == []
    assert feed_ids(reader, "/api/v1/groups/book-club/posts/") == []
    assert reader.post(f"/api/v1/posts/{post['id']}/comments/", {"body": "Early"},
                       format="json").status_code == 404
    assert not Event.objects.filter(type="post.created").exists()

    assert publish_due_posts() == 0
    Post.objects.filter(pk=post["id"]).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert publish_due_posts() == 1
    assert feed_ids(reader) == [post["id"]]
    assert reader.get(f"/api/v1/posts/{post['id']}/").json()["published"] is True
    created = Event.objects.get(type="post.created")
    assert created.data["post"]["id"] == post["id"]
    assert created.audience == [f"group:{company.open.pk}"]
    assert publish_due_posts() == 0
    assert Event.objects.filter(type="post.created").count() == 1


def test_a_scheduled_company_wide_post_is_published(make_person, api_for):
    helen = make_person("helen")
    give_role(helen, "Communications")
    later = timezone.now() + timedelta(minutes=5)
    post = create(api_for(helen), "Tomorrow's news", publish_at=later.isoformat()).json()
    Post.objects.filter(pk=post["id"]).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert publish_due_posts() == 1
    assert feed_ids(api_for(make_person("bob"))) == [post["id"]]


def test_a_scheduled_post_of_someone_who_left_is_not_published(company, api_for, publish):
    from intranet.groups.services import group_leave

    soon = timezone.now() + timedelta(minutes=5)
    stuck = publish(company.member, "Written while a member", group=company.private,
                    publish_at=soon)
    group_leave(actor=company.member, group=company.private)
    Post.objects.filter(pk=stuck.pk).update(publish_at=timezone.now() - timedelta(hours=1))
    assert publish_due_posts() == 0
    assert api_for(company.moderator).get(f"/api/v1/posts/{stuck.pk}/").status_code == 404


def test_posts_that_cannot_be_published_do_not_hold_back_the_others(company, publish):
    from intranet.groups.services import group_leave

    due = timezone.now() - timedelta(hours=1)
    stuck = publish(company.member, "Stuck", group=company.private,
                    publish_at=timezone.now() + timedelta(minutes=5))
    group_leave(actor=company.member, group=company.private)
    Post.objects.bulk_create([  # many such posts, older than the one that may go out
        Post(author=company.member, group=company.private, body=f"Stuck {n}",
             audience_key=stuck.audience_key, publish_at=due) for n in range(250)])
    ready = publish(company.moderator, "Ready", group=company.private,
                    publish_at=timezone.now() + timedelta(minutes=5))
    Post.objects.filter(pk__in=[stuck.pk, ready.pk]).update(publish_at=due)
    assert publish_due_posts() == 1
    assert Post.objects.get(pk=ready.pk).published_at is not None


def test_a_past_publish_at_publishes_at_once(company, api_for):
    earlier = timezone.now() - timedelta(hours=1)
    post = create(api_for(company.member), "Now", "book-club",
                  publish_at=earlier.isoformat()).json()
    assert post["published"] is True


# Comments


@pytest.mark.smoke
def test_comments_have_one_level_of_replies(company, api_for, publish):
    post = publish(company.member, "Thread", group=company.open)
    api = api_for(company.moderator)
    path = f"/api/v1/posts/{post.pk}/comments/"
    top = api.post(path, {"body": "Top"}, format="json")
    assert top.status_code == 201, top.content
    top = top.json()
    reply = api.post(path, {"body": "Reply", "parent": top["id"]}, format="json").json()
    deeper = api.post(path, {"body": "Deeper", "parent": reply["id"]}, format="json").json()
    assert (reply["parent"], deeper["parent"]) == (top["id"], top["id"])
    listed = api_for(company.outsider).get(path).json()["results"]
    assert [(c["body"], c["parent"]) for c in listed] == [
        ("Top", None), ("Reply", top["id"]), ("Deeper", top["id"])]
    assert api.get(f"/api/v1/posts/{post.pk}/").json()["comment_count"] == 3


def test_a_reply_must_answer_a_comment_of_the_same_post(company, api_for, publish):
    first = publish(company.member, "One", group=company.open)
    second = publish(company.member, "Two", group=company.open)
    api = api_for(company.moderator)
    elsewhere = api.post(f"/api/v1/posts/{first.pk}/comments/", {"body": "Here"},
                         format="json").json()
    response = api.post(f"/api/v1/posts/{second.pk}/comments/",
                        {"body": "There", "parent": elsewhere["id"]}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]
    assert Post.objects.get(pk=second.pk).comment_count == 0


def test_a_non_member_may_not_comment_in_a_group(company, api_for, publish):
    post = publish(company.member, "Members talk", group=company.open)
    response = api_for(company.outsider).post(f"/api/v1/posts/{post.pk}/comments/",
                                              {"body": "Me too"}, format="json")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comments_are_edited_and_deleted_by_their_author(company, api_for, publish):
    post = publish(company.member, "Thread", group=company.open)
    author = api_for(company.moderator)
    comment = author.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "Frist"},
                          format="json").json()
    author.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "Second"}, format="json")
    path = f"/api/v1/comments/{comment['id']}/"
    stranger = api_for(company.outsider)
    assert stranger.patch(path, {"body": "Mine now"}, format="json").status_code == 403
    assert stranger.delete(path).status_code == 403
    edited = author.patch(path, {"body": "**First**"}, format="json")
    assert edited.status_code == 200
    assert "<strong>First</strong>" in edited.json()["html"]
    assert edited.json()["edited_at"] is not None
    assert author.delete(path).status_code == 204
    assert author.patch(path, {"body": "again"}, format="json").status_code == 404
    listed = author.get(f"/api/v1/posts/{post.pk}/comments/").json()["results"]
    assert [c["body"] for c in listed] == ["Second"]
    assert author.get(f"/api/v1/posts/{post.pk}/").json()["comment_count"] == 1
    assert Comment.objects.filter(pk=comment["id"], deleted_at__isnull=False).exists()


def test_deleting_the_best_answer_clears_it(company, api_for, publish):
    question = publish(company.member, "Why?", group=company.open, is_question=True)
    answer = api_for(company.moderator).post(f"/api/v1/posts/{question.pk}/comments/",
                                             {"body": "Because"}, format="json").json()
    api_for(company.member).post(f"/api/v1/posts/{question.pk}/best-answer/",
                                 {"comment": answer["id"]}, format="json")
    api_for(company.moderator).delete(f"/api/v1/comments/{answer['id']}/")
    assert api_for(company.member).get(f"/api/v1/posts/{question.pk}/").json()[
        "best_answer"] is None


# Reactions


@pytest.mark.smoke
def test_reactions_on_posts_are_counted_once_per_person(company, api_for, publish):
    post = publish(company.member, "React to me", group=company.open)
    path = f"/api/v1/posts/{post.pk}/reactions/"
    ana, bob = api_for(company.moderator), api_for(company.outsider)
    assert ana.post(path, {"kind": "like"}, format="json").json()["reactions"] == {"like": 1}
    assert ana.post(path, {"kind": "like"}, format="json").json()["reactions"] == {"like": 1}
    assert bob.post(path, {"kind": "like"}, format="json").json()["reactions"] == {"like": 2}
    assert bob.post(path, {"kind": "celebrate"}, format="json").json()["reactions"] == {
        "like": 2, "celebrate": 1}
    seen = bob.get(f"/api/v1/posts/{post.pk}/").json()
    assert seen["reactions"] == {"like": 2, "celebrate": 1}
    assert seen["my_reactions"] == ["celebrate", "like"]
    taken_back = ana.delete(path, {"kind": "like"}, format="json")
    assert taken_back.status_code == 200
    assert taken_back.json()["reactions"] == {"like": 1, "celebrate": 1}
    assert ana.delete(path, {"kind": "like"}, format="json").json()["reactions"] == {
        "like": 1, "celebrate": 1}
    assert Reaction.objects.count() == 2


@pytest.mark.parametrize("kind", ["dislike", "", "LIKE"])
def test_an_unknown_reaction_is_refused(company, api_for, publish, kind):
    post = publish(company.member, "React", group=company.open)
    response = api_for(company.moderator).post(f"/api/v1/posts/{post.pk}/reactions/",
                                               {"kind": kind}, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()["error"]["fields"]
    assert not Reaction.objects.exists()


def test_reactions_on_comments_are_counted_apart_from_the_post(company, api_for, publish):
    post = publish(company.member, "Thread", group=company.open)
    comment = api_for(company.moderator).post(f"/api/v1/posts/{post.pk}/comments/",
                                              {"body": "Nice"}, format="json").json()
    path = f"/api/v1/comments/{comment['id']}/reactions/"
    for person in (company.member, company.outsider, company.owner):
        assert api_for(person).post(path, {"kind": "love"}, format="json").status_code == 201
    api_for(company.owner).post(path, {"kind": "love"}, format="json")
    listed = api_for(company.member).get(f"/api/v1/posts/{post.pk}/comments/").json()["results"]
    assert listed[0]["reactions"] == {"love": 3}
    assert api_for(company.member).get(f"/api/v1/posts/{post.pk}/").json()["reactions"] == {}
    api_for(company.outsider).delete(path, {"kind": "love"}, format="json")
    assert Comment.objects.get(pk=comment["id"]).reaction_counts == {"love": 2}


def test_reactions_to_a_comment_of_an_unreadable_post_are_404(company, api_for, publish):
    post = publish(company.member, "Secret thread", group=company.secret)
    comment = api_for(company.moderator).post(f"/api/v1/posts/{post.pk}/comments/",
                                              {"body": "Psst"}, format="json").json()
    api = api_for(company.outsider)
    assert api.post(f"/api/v1/comments/{comment['id']}/reactions/", {"kind": "like"},
                    format="json").status_code == 404
    assert api.patch(f"/api/v1/comments/{comment['id']}/", {"body": "x"},
                     format="json").status_code == 404
    assert not Reaction.objects.exists()


def test_line_breaks_from_a_browser_count_once(company, client_for):
    """A textarea sends CR LF: 20,000 characters over 200 lines are 20,000, not 20,199."""
    lines = ["x" * 99] * 200
    typed = "\r\n".join(lines)
    typed = typed + "y" * (20_000 - len("\n".join(lines)))
    response = client_for(company.member).post("/feed/posts/", {
        "body": typed, "group": company.open.slug, "next": "/"})
    assert response.status_code == 302
    post = Post.objects.get(author=company.member)
    assert len(post.body) == 20_000 and "\r" not in post.body
