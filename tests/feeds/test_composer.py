"""The composer: where it posts by default, what it suggests as one types, image
descriptions, and where the writer lands after posting."""

import pytest

from intranet.feeds.models import Post, PostImage
from tests.feeds.conftest import give_role, png

pytestmark = pytest.mark.django_db


def audience(client) -> str:
    """The value of the option selected in the composer's "Post to" list on the home page."""
    page = client.get("/").content.decode()
    select = page[page.index('<select name="group">'):page.index("</select>")]
    chosen = [part for part in select.split("<option") if " selected" in part.split(">")[0]]
    assert len(chosen) == 1, select
    return chosen[0].split('value="')[1].split('"')[0]


def test_the_composer_posts_where_one_posted_last(company, publish, client_for):
    client = client_for(company.member)
    assert audience(client) == company.open.slug  # "Book club", the first by name
    publish(company.member, "Kick-off notes", group=company.secret)
    assert audience(client) == company.secret.slug


def test_the_default_is_never_a_place_one_may_no_longer_post(company, publish, client_for):
    publish(company.member, "Old news", group=company.secret)
    company.secret.memberships.filter(user=company.member).delete()
    assert audience(client_for(company.member)) == company.open.slug


def test_company_wide_writers_default_to_everyone_until_they_post_in_a_group(
        company, publish, client_for):
    give_role(company.member, "HR")
    client = client_for(company.member)
    assert audience(client) == ""
    publish(company.member, "Team lunch", group=company.private)
    assert audience(client) == company.private.slug
    publish(company.member, "Open enrolment starts today")
    assert audience(client) == ""


def test_people_are_suggested_by_name_with_what_they_show(company, make_person, client_for):
    make_person("ana", first_name="Ana", last_name="Lima", job_title="Designer")
    make_person("anatole", first_name="Anatole", job_title="Secret agent",
                privacy={"job_title": "private"})
    client = client_for(company.member)
    found = client.get("/feed/suggest/", {"q": "@ana"}).json()["results"]
    assert {"insert": "@ana", "label": "Ana Lima", "detail": "Designer"} in found
    anatole = next(item for item in found if item["insert"] == "@anatole")
    assert "Secret agent" not in anatole["detail"]
    mine = client_for(company.member).get("/feed/suggest/", {"q": "@mike"}).json()
    assert mine["results"] == []


def test_topics_are_suggested_only_where_one_may_read_them(company, publish, client_for):
    publish(company.owner, "Sprint #AtlasLaunch plan", group=company.secret)
    publish(company.owner, "Reading #AtlasShrugged", group=company.open)
    outsider = client_for(company.outsider).get("/feed/suggest/", {"q": "#atlas"}).json()
    assert [item["insert"] for item in outsider["results"]] == ["#AtlasShrugged"]
    member = client_for(company.member).get("/feed/suggest/", {"q": "#atlas"}).json()
    assert [item["insert"] for item in member["results"]] == ["#AtlasLaunch", "#AtlasShrugged"]


@pytest.mark.parametrize("q", ["", "@", "#", "ana", "@" + "x" * 5000, "#%00", "@\u0000"])
def test_odd_queries_suggest_nothing_and_never_fail(company, client_for, q):
    answer = client_for(company.member).get("/feed/suggest/", {"q": q})
    assert answer.status_code == 200 and isinstance(answer.json()["results"], list)


def test_images_keep_their_descriptions(company, client_for):
    client = client_for(company.member)
    answer = client.post("/feed/posts/", {
        "body": "The new office", "group": company.open.slug,
        "images": [png("hall.png"), png("desk.png")],
        "alt_texts": ["The entrance hall, with plants", ""]})
    assert answer.status_code == 302
    post = Post.objects.get(body="The new office")
    assert list(post.images.values_list("alt_text", flat=True)) == [
        "The entrance hall, with plants", ""]
    page = client.get(f"/feed/posts/{post.pk}/").content.decode()
    assert 'alt="The entrance hall, with plants"' in page
    assert 'aria-label="Open image 2"' in page


def test_too_many_descriptions_are_refused_and_nothing_is_posted(company, client_for):
    client = client_for(company.member)
    answer = client.post("/feed/posts/", {
        "body": "Two captions, one image", "group": company.open.slug,
        "images": [png()], "alt_texts": ["one", "two"]}, follow=True)
    assert "one description per image" in answer.content.decode()
    assert not Post.objects.filter(body="Two captions, one image").exists()
    long = client.post("/feed/posts/", {"body": "Long caption", "group": company.open.slug,
                                        "images": [png()], "alt_texts": ["x" * 501]})
    assert long.status_code == 302 and not PostImage.objects.exists()


def test_the_api_takes_descriptions_too(company, api_for):
    api = api_for(company.member)
    answer = api.post("/api/v1/posts/", {"body": "Roof garden", "group": company.open.slug,
                                         "images": [png()], "alt_texts": ["Tomatoes"]},
                      format="multipart")
    assert answer.status_code == 201, answer.content
    assert answer.json()["images"][0]["alt"] == "Tomatoes"
    refused = api.post("/api/v1/posts/", {"body": "x", "group": company.open.slug,
                                          "alt_texts": "not a list"}, format="json")
    assert refused.status_code == 400 and "error" in refused.json()


def test_after_posting_one_lands_on_the_new_post_with_a_confirmation(company, client_for):
    client = client_for(company.member)
    answer = client.post("/feed/posts/", {"body": "Hello all", "group": company.open.slug,
                                          "next": f"/groups/{company.open.slug}/"})
    post = Post.objects.get(body="Hello all")
    assert answer["Location"] == f"/groups/{company.open.slug}/#post-{post.pk}"
    page = client.get(answer["Location"]).content.decode()
    assert "Your post is published." in page


def test_cards_show_a_light_copy_that_follows_the_read_policy(company, client_for):
    from PIL import Image

    client = client_for(company.member)
    big = png("wide.png", size=(2400, 1600))
    original_bytes = len(big.read())
    big.seek(0)
    client.post("/feed/posts/", {"body": "Site visit", "group": company.secret.slug,
                                 "images": [big]})
    image = PostImage.objects.get(post__body="Site visit")
    with Image.open(image.display) as shown:
        assert shown.format == "WEBP" and max(shown.size) == 960
    assert image.display.size < original_bytes
    page = client.get(f"/feed/posts/{image.post_id}/").content.decode()
    assert f'src="{image.display.url}"' in page and f'href="{image.image.url}"' in page
    assert client_for(company.moderator).get(image.display.url).status_code == 200
    assert client_for(company.outsider).get(image.display.url).status_code == 404


def test_an_unused_description_field_is_no_mistake(company, client_for):
    answer = client_for(company.member).post("/feed/posts/", {
        "body": "No picture today", "group": company.open.slug, "alt_texts": [""]})
    assert answer.status_code == 302 and Post.objects.filter(body="No picture today").exists()
