"""The feed's buttons answer in place when the page's script asks: the fragment that
changed, or an error in the API's shape, never a redirect; without the script they post
and redirect as before. Deleting asks for confirmation either way."""

import pytest

from intranet.feeds.models import Comment, Post
from intranet.feeds.services.comments import comment_create

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]
IN_PLACE = {"HTTP_X_REQUESTED_WITH": "fetch"}


def test_a_reaction_answers_with_the_post_s_buttons(company, publish, client_for):
    post = publish(company.owner, "Quiz night on Friday", group=company.secret)
    client = client_for(company.member)
    answer = client.post(f"/feed/posts/{post.pk}/react/", {"kind": "like", "on": "1"},
                         **IN_PLACE)
    assert answer.status_code == 200 and answer["X-In-Place"] == "1"
    html = answer.content.decode()
    assert html.lstrip().startswith('<div class="reactions">')
    assert 'data-kind="like" aria-pressed="true"' in html
    assert '<span class="count">1</span>' in html
    without_script = client.post(f"/feed/posts/{post.pk}/react/", {"kind": "like", "on": "0"})
    assert without_script.status_code == 302


def test_a_comment_and_a_reply_answer_with_their_own_markup(company, publish, client_for):
    post = publish(company.owner, "Who has a spare badge?", group=company.secret)
    client = client_for(company.member)
    answer = client.post(f"/feed/posts/{post.pk}/comments/", {"body": "I do"}, **IN_PLACE)
    assert answer.status_code == 200 and answer["X-In-Place"] == "1"
    comment = Comment.objects.get(post=post)
    assert f'id="comment-{comment.pk}" data-post-id="{post.pk}">' in answer.content.decode()
    reply = client.post(f"/feed/posts/{post.pk}/comments/",
                        {"body": "Thanks!", "parent": comment.pk}, **IN_PLACE)
    assert f'data-parent="{comment.pk}"' in reply.content.decode()
    assert client.get(f"/feed/comments/{comment.pk}/card/").content.decode().count(
        "I do") == 1


def test_errors_come_in_the_api_s_shape(company, publish, client_for):
    post = publish(company.owner, "Locked soon", group=company.secret)
    client = client_for(company.member)
    answer = client.post(f"/feed/posts/{post.pk}/react/", {"kind": "shrug", "on": "1"},
                         **IN_PLACE)
    assert answer.status_code == 400 and answer["X-In-Place"] == "1"
    assert set(answer.json()["error"]) >= {"code", "message"}
    empty = client.post(f"/feed/posts/{post.pk}/comments/", {"body": "  "}, **IN_PLACE)
    assert empty.status_code == 400 and "message" in empty.json()["error"]
    assert not Comment.objects.filter(post=post).exists()


def test_what_one_may_not_read_is_not_found_in_place_too(company, publish, client_for):
    post = publish(company.owner, "Atlas budget", group=company.secret)
    comment = comment_create(actor=company.member, post=post, body="Approved")
    outsider = client_for(company.outsider)
    assert outsider.post(f"/feed/posts/{post.pk}/react/", {"kind": "like", "on": "1"},
                         **IN_PLACE).status_code == 404
    assert outsider.get(f"/feed/comments/{comment.pk}/card/").status_code == 404
    assert outsider.get("/feed/comments/999999/card/").status_code == 404


def test_deleting_asks_first(company, publish, client_for):
    post = publish(company.member, "Typo in the title", group=company.secret)
    client = client_for(company.member)
    question = client.post(f"/feed/posts/{post.pk}/delete/")
    assert question.status_code == 200 and "Delete this post?" in question.content.decode()
    assert Post.objects.filter(pk=post.pk, deleted_at__isnull=True).exists()
    assert client.post(f"/feed/posts/{post.pk}/delete/", {"confirmed": "1"}).status_code == 302
    assert not Post.objects.filter(pk=post.pk, deleted_at__isnull=True).exists()

    other = publish(company.member, "Second try", group=company.secret)
    comment = comment_create(actor=company.owner, post=other, body="Nice")
    mine = client_for(company.owner)
    assert mine.post(f"/feed/comments/{comment.pk}/delete/").status_code == 200
    gone = mine.post(f"/feed/comments/{comment.pk}/delete/", {"confirmed": "1"}, **IN_PLACE)
    assert gone.status_code == 204 and gone["X-In-Place"] == "1"
    assert client.post(f"/feed/posts/{other.pk}/delete/", {"confirmed": "1"},
                       **IN_PLACE).status_code == 204


def test_a_moderator_pins_in_place(company, publish, client_for):
    post = publish(company.member, "Rules of the group", group=company.secret)
    answer = client_for(company.moderator).post(f"/feed/posts/{post.pk}/pin/", {"on": "1"},
                                                **IN_PLACE)
    html = answer.content.decode()
    assert answer.status_code == 200 and f'data-post="{post.pk}"' in html and "pinned" in html


def test_one_edits_one_s_own_post_in_place_or_on_a_page(company, publish, client_for):
    post = publish(company.member, "Lunch at noon", group=company.secret)
    client = client_for(company.member)
    form = client.get(f"/feed/posts/{post.pk}/edit/", **IN_PLACE)
    assert form.status_code == 200 and form["X-In-Place"] == "1"
    assert "Lunch at noon</textarea>" in form.content.decode()
    assert "<html" not in form.content.decode()
    card = client.post(f"/feed/posts/{post.pk}/edit/", {"body": "Lunch at one"}, **IN_PLACE)
    assert card.status_code == 200 and f'data-post="{post.pk}"' in card.content.decode()
    assert "Lunch at one" in card.content.decode() and "(edited)" in card.content.decode()
    page = client.get(f"/feed/posts/{post.pk}/edit/")
    assert page.status_code == 200 and "<h1>Edit your post</h1>" in page.content.decode()
    saved = client.post(f"/feed/posts/{post.pk}/edit/", {"body": "Lunch at two"})
    assert saved.status_code == 302 and saved["Location"] == f"/feed/posts/{post.pk}/"
    post.refresh_from_db()
    assert post.body == "Lunch at two" and post.edited_at is not None


def test_a_refused_edit_keeps_the_text_and_changes_nothing(company, publish, client_for):
    post = publish(company.member, "Original words", group=company.secret)
    client = client_for(company.member)
    too_long = "x" * 100_001
    page = client.post(f"/feed/posts/{post.pk}/edit/", {"body": too_long})
    assert page.status_code == 413 and too_long in page.content.decode()
    assert 'aria-invalid="true"' in page.content.decode()
    empty = client.post(f"/feed/posts/{post.pk}/edit/", {"body": " "}, **IN_PLACE)
    assert empty.status_code == 400 and empty.json()["error"]["code"]
    post.refresh_from_db()
    assert post.body == "Original words" and post.edited_at is None


def test_only_the_author_edits_and_others_learn_nothing(company, publish, client_for):
    post = publish(company.owner, "Budget is final", group=company.secret)
    comment = comment_create(actor=company.owner, post=post, body="Signed off")
    member = client_for(company.member)
    assert member.get(f"/feed/posts/{post.pk}/edit/").status_code == 403
    assert member.get(f"/feed/comments/{comment.pk}/edit/").status_code == 403
    refused = member.post(f"/feed/posts/{post.pk}/edit/", {"body": "Budget doubled"},
                          **IN_PLACE)
    assert refused.status_code == 403
    assert member.post(f"/feed/comments/{comment.pk}/edit/",
                       {"body": "Not signed"}).status_code == 403
    outsider = client_for(company.outsider)
    for address in (f"/feed/posts/{post.pk}/edit/", f"/feed/comments/{comment.pk}/edit/"):
        assert outsider.get(address).status_code == 404
        assert outsider.post(address, {"body": "mine now"}).status_code == 404
    assert outsider.get("/feed/posts/999999/edit/").status_code == 404
    post.refresh_from_db()
    comment.refresh_from_db()
    assert (post.body, comment.body) == ("Budget is final", "Signed off")


def test_one_edits_one_s_comment_in_place(company, publish, client_for):
    post = publish(company.owner, "Who has a spare badge?", group=company.secret)
    comment = comment_create(actor=company.member, post=post, body="I dp")
    client = client_for(company.member)
    card = client.post(f"/feed/comments/{comment.pk}/edit/", {"body": "I do"}, **IN_PLACE)
    assert card.status_code == 200 and f'id="comment-{comment.pk}"' in card.content.decode()
    assert "I do" in card.content.decode() and "(edited)" in card.content.decode()
    post_page = client.get(f"/feed/posts/{post.pk}/").content.decode()
    assert f'href="/feed/comments/{comment.pk}/edit/"' in post_page
    assert f'href="/feed/posts/{post.pk}/edit/"' not in post_page
