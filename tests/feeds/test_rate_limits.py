"""Writing fast: a busy person's burst passes, a script flooding a group is stopped with
429, Retry-After and the documented error code."""

import time

import pytest

from intranet.feeds.models import Comment, Post

pytestmark = pytest.mark.django_db


def clear_of_a_window_edge(period: int = 60, margin: float = 5.0) -> None:
    """Limits count in fixed windows: start well inside one, so the test stays in it."""
    into = time.time() % period
    if into > period - margin:
        time.sleep(period - into + 0.1)


def test_a_burst_of_thirty_posts_passes(company, api_for):
    api = api_for(company.member)
    clear_of_a_window_edge()
    for n in range(30):
        response = api.post("/api/v1/posts/", {"body": f"Post {n}", "group": "book-club"},
                            format="json")
        assert response.status_code == 201, (n, response.content)
    assert Post.objects.count() == 30


def test_a_burst_of_thirty_comments_passes(company, api_for, publish):
    post = publish(company.member, "Thread", group=company.open)
    api = api_for(company.moderator)
    clear_of_a_window_edge()
    for n in range(30):
        assert api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": f"Comment {n}"},
                        format="json").status_code == 201
    assert Post.objects.get(pk=post.pk).comment_count == 30


@pytest.mark.smoke
def test_posting_beyond_the_limit_is_429(company, api_for, settings):
    settings.WRITE_RATE_LIMITS = {**settings.WRITE_RATE_LIMITS, "post": ["5/min"]}
    api = api_for(company.member)
    clear_of_a_window_edge()
    for n in range(5):
        assert api.post("/api/v1/posts/", {"body": f"Post {n}", "group": "book-club"},
                        format="json").status_code == 201
    refused = api.post("/api/v1/posts/", {"body": "One too many", "group": "book-club"},
                       format="json")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert Post.objects.count() == 5
    # the limit is per person
    assert api_for(company.moderator).post("/api/v1/posts/", {
        "body": "Mine", "group": "book-club"}, format="json").status_code == 201


def test_commenting_beyond_the_limit_is_429(company, api_for, settings, publish):
    settings.WRITE_RATE_LIMITS = {**settings.WRITE_RATE_LIMITS, "comment": ["5/min"]}
    post = publish(company.member, "Thread", group=company.open)
    api = api_for(company.moderator)
    clear_of_a_window_edge()
    for n in range(5):
        assert api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": f"{n}"},
                        format="json").status_code == 201
    refused = api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "more"}, format="json")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1
    assert Comment.objects.count() == 5
    assert Post.objects.get(pk=post.pk).comment_count == 5
    # posting is counted apart from commenting
    assert api.post("/api/v1/posts/", {"body": "A post", "group": "book-club"},
                    format="json").status_code == 201


def test_the_longer_window_stops_a_slow_flood(company, api_for, settings):
    settings.WRITE_RATE_LIMITS = {**settings.WRITE_RATE_LIMITS,
                                  "post": ["100/min", "3/hour"]}
    api = api_for(company.member)
    clear_of_a_window_edge(3600, 10)
    for n in range(3):
        api.post("/api/v1/posts/", {"body": f"{n}", "group": "book-club"}, format="json")
    refused = api.post("/api/v1/posts/", {"body": "x", "group": "book-club"}, format="json")
    assert refused.status_code == 429
    until_the_hour_ends = 3600 - time.time() % 3600
    assert abs(int(refused["Retry-After"]) - until_the_hour_ends) <= 2


def test_refused_writes_do_not_use_up_the_allowance(company, api_for, settings):
    settings.WRITE_RATE_LIMITS = {**settings.WRITE_RATE_LIMITS, "post": ["3/min"]}
    api = api_for(company.outsider)
    clear_of_a_window_edge()
    for _n in range(5):  # not allowed in the group: 403, not counted
        assert api.post("/api/v1/posts/", {"body": "x", "group": "book-club"},
                        format="json").status_code == 403
        assert api.post("/api/v1/posts/", {"body": "", "group": "book-club"},
                        format="json").status_code == 400
    from intranet.groups.services import group_join

    group_join(actor=company.outsider, group=company.open)
    for n in range(3):
        assert api.post("/api/v1/posts/", {"body": f"{n}", "group": "book-club"},
                        format="json").status_code == 201


def test_the_pages_are_limited_too(company, client_for, settings):
    settings.WRITE_RATE_LIMITS = {**settings.WRITE_RATE_LIMITS, "post": ["2/min"]}
    client = client_for(company.member)
    clear_of_a_window_edge()
    for n in range(4):
        client.post("/feed/posts/", {"body": f"Page post {n}", "group": "book-club"})
    assert Post.objects.count() == 2
