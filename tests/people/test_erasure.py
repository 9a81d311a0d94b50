"""Erasure: HR erases a leaver, or a person asks and HR confirms. The account closes at
once; then no page, API answer, search hit or suggestion shows the person's name or
profile, mentions of them in colleagues' posts are gone, and their posts read "Former
employee" (or are gone, as ERASURE_CONTENT says)."""

import io
import json
import re
import time
import zipfile
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import ModelLogEntry

from intranet.accounts.signin import account_prefix
from intranet.core.background.worker import Worker
from intranet.core.models import Event
from intranet.core.personal_data import sections
from intranet.core.ratelimit import parse_rate, window_key
from intranet.feeds.models import Comment, Notification, Post, Reaction
from intranet.people import erasure, tasks
from intranet.people.models import ErasureRequest, ErasureState, PersonalDataExport, Profile
from intranet.search.engines import engine
from tests.feeds.conftest import give_role
from tests.search.conftest import index_now, opensearch  # noqa: F401 - fixtures

# What must not survive anywhere (organisation data such as her department is not hers).
SECRETS = ["Hélène", "Lefèvre", "helene", "lefevre", "+33 4 00 00 00 01",
           "Financial Controller", "quarterly close on time", "she/her", "Consolidation"]


def leaks(text: str, address: str = "") -> list[str]:
    """The secrets in `text`, apart from the query that `address` asked (pages echo it)."""
    for asked in parse_qs(urlsplit(address).query).get("q", []):
        for form in (asked, quote(asked), quote_plus(asked)):
            text = re.sub(re.escape(form), "", text, flags=re.IGNORECASE)
    folded = text.casefold()
    return [secret for secret in SECRETS if secret.casefold() in folded]


def run_worker() -> int:
    return Worker(queues=["default", "search"], periodic_interval=float("inf")).run(
        until_idle=True)


def page_text(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def api_text(api, url: str) -> tuple[int, str]:
    response = api.get(url)
    return response.status_code, json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("content", ["anonymise", "delete"])
def test_export_then_erasure_of_a_demo_like_person(demo, content, settings, opensearch,  # noqa: F811
                                                  index_now, client_for, api_for,  # noqa: F811
                                                  database_queue):
    settings.ERASURE_CONTENT = content
    person, reader = demo.person, demo.reader
    run_worker()
    index_now()
    reader_api = api_for(reader)
    assert leaks(api_text(reader_api, "/api/v1/search/suggest/?q=Hél")[1])
    assert leaks(api_text(reader_api, "/api/v1/search/?q=Lefèvre")[1])

    # She downloads her data first.
    mine = client_for(person)
    assert api_for(person).post("/api/v1/me/export/").status_code == 202
    run_worker()
    url = api_for(person).get("/api/v1/me/export/").json()["results"][0]["url"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(mine.get(url).streaming_content)))
    posts = json.loads(archive.read("posts.json"))
    assert any(post["body"].startswith("Quarterly close") for post in posts)
    photo = json.loads(archive.read("profile.json"))["photo"]
    assert archive.read(photo)[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")
    photo_file = Profile.objects.get(user=person).photo
    image_file = demo.post.images.get().image

    # HR erases her; her session, token and sockets end at once.
    token_api = api_for(person)
    answer = api_for(demo.hr).post(f"/api/v1/people/{person.username}/erase/")
    assert answer.status_code == 202 and answer.json()["state"] == "approved"
    assert token_api.get("/api/v1/me/").status_code == 401
    assert mine.get("/").status_code == 302
    assert Event.objects.filter(stream=f"user:{person.pk}", type="session.ended").exists()
    run_worker()
    engine().refresh()

    person.refresh_from_db()
    assert person.erased_at is not None and not person.is_active
    assert ErasureRequest.objects.get(person=person).state == ErasureState.DONE
    assert not photo_file.storage.exists(photo_file.name)
    assert not PersonalDataExport.objects.filter(owner=person).exists()
    pseudonym = person.username
    pages = [reverse("people:directory"), reverse("people:directory") + "?q=helene",
             reverse("people:profile", args=[pseudonym]),
             reverse("people:org_chart", args=[pseudonym]),
             reverse("groups:detail", args=[demo.group.slug]),
             reverse("feeds:post", args=[demo.mention.pk]), "/",
             reverse("feeds:notifications"),
             *(reverse("search:results") + f"?q={q}" for q in
               ("Hélène", "Lefèvre", "helene", "quarterly", "close", "controller"))]
    apis = ["/api/v1/people/", "/api/v1/people/?q=helene", f"/api/v1/people/{pseudonym}/",
            f"/api/v1/posts/{demo.mention.pk}/", f"/api/v1/posts/{demo.mention.pk}/comments/",
            f"/api/v1/groups/{demo.group.slug}/posts/", "/api/v1/feed/",
            "/api/v1/notifications/", "/api/v1/events/?since=0",
            f"/api/v1/people/{pseudonym}/posts/",
            *(f"/api/v1/search/?q={q}" for q in ("Hélène", "Lefèvre", "quarterly", "close")),
            *(f"/api/v1/search/suggest/?q={q}" for q in ("Hél", "hel", "Lef", "helene"))]
    for viewer in (reader, demo.colleague, demo.hr):
        browser, api = client_for(viewer), api_for(viewer)
        for address in pages:
            status, text = page_text(browser, address)
            assert status == 200 and not leaks(text, address), (viewer, address,
                                                                leaks(text, address))
        for address in apis:
            status, text = api_text(api, address)
            assert status == 200 and not leaks(text, address), (viewer, address,
                                                                leaks(text, address))
    assert client_for(reader).get(reverse("people:profile", args=["helene"])).status_code == 404
    assert reader_api.get("/api/v1/people/helene/").status_code == 404

    mention = reader_api.get(f"/api/v1/posts/{demo.mention.pk}/").json()
    assert mention["body"] == "Thanks Former employee for the close!"
    assert "/people/" not in mention["html"]
    theirs = reader_api.get(f"/api/v1/posts/{demo.post.pk}/")
    comments = reader_api.get(f"/api/v1/posts/{demo.mention.pk}/comments/").json()
    if content == "anonymise":
        assert theirs.json()["author_name"] == "Former employee"
        assert theirs.json()["author"] == pseudonym
        assert "Former employee" in client_for(reader).get(
            reverse("feeds:post", args=[demo.post.pk])).content.decode()
        assert [c["author_name"] for c in comments["results"]] == ["Former employee"]
        found = reader_api.get("/api/v1/search/?q=quarterly").json()["results"]
        assert [hit["url"] for hit in found] == [reverse("feeds:post", args=[demo.post.pk])]
        assert image_file.storage.exists(image_file.name)
    else:
        assert theirs.status_code == 404
        assert client_for(reader).get(
            reverse("feeds:post", args=[demo.post.pk])).status_code == 404
        assert comments["results"] == []
        assert reader_api.get("/api/v1/search/?q=quarterly").json()["results"] == []
        assert not image_file.storage.exists(image_file.name)
        assert Post.objects.get(pk=demo.mention.pk).comment_count == 0
        assert Post.objects.get(pk=demo.mention.pk).reaction_counts == {}
    entry = ModelLogEntry.objects.get(action="intranet.profile.erase")
    assert entry.user_id == demo.hr.pk and entry.data == {"content": content}
    assert not [e.label for e in ModelLogEntry.objects.all() if leaks(e.label + str(e.data))]


@pytest.fixture
def erased_by_hr(demo, client_for):
    """HR erases the demo person from their page, and the background job runs."""
    browser = client_for(demo.hr)
    page = browser.get(reverse("people:erase", args=["helene"]))
    assert page.status_code == 200 and "Erase their data" in page.content.decode()
    answer = browser.post(reverse("people:erase", args=["helene"]),
                          {"action": "erase", "confirm": "1"})
    assert answer.status_code == 302
    request = ErasureRequest.objects.get(person=demo.person)
    assert tasks.erase_person.call(request.pk) == ErasureState.DONE
    demo.person.refresh_from_db()
    return demo


@pytest.mark.django_db
def test_the_account_and_what_others_keep_name_them_no_more(erased_by_hr):
    demo = erased_by_hr
    person = demo.person
    assert person.username.startswith("former-") and not person.has_usable_password()
    assert (person.first_name, person.last_name, person.email, person.display_name) == (
        "", "", "", "")
    assert str(person) == "Former employee" and not person.groups.exists()
    profile = Profile.objects.get(user=person)
    assert (profile.phone, profile.bio, profile.job_title, profile.photo.name) == ("", "", "",
                                                                                  "")
    assert profile.department is None and not profile.skills.exists()
    assert profile.is_former_employee
    assert not demo.group.memberships.filter(user=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    told = Notification.objects.filter(recipient=demo.colleague)
    assert told.exists() and not leaks(json.dumps([n.actors for n in told], ensure_ascii=False))
    assert not [event.pk for event in Event.objects.all()
                if leaks(json.dumps(event.data, ensure_ascii=False))]
    assert not Post.mentions.through.objects.filter(user_id=person.pk).exists()
    assert Comment.objects.filter(author=person, deleted_at__isnull=True).exists()
    assert Reaction.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_a_person_asks_and_another_hr_colleague_confirms(demo, client_for, api_for):
    person = demo.person
    mine = client_for(person)
    assert mine.post(reverse("people:erasure_request"), {"action": "request"}).status_code == 302
    assert not ErasureRequest.objects.exists()  # the box was not ticked
    mine.post(reverse("people:erasure_request"), {"action": "request", "confirm": "1"})
    request = ErasureRequest.objects.get(person=person)
    assert request.state == ErasureState.REQUESTED
    again = api_for(person).post(f"/api/v1/people/{person.username}/erase/")
    assert again.status_code == 202
    assert again.json() == {"id": request.pk, "state": "requested"}
    person.refresh_from_db()
    assert person.is_active  # nothing happens before HR confirms
    assert "Take back my request" in mine.get(reverse("people:settings")).content.decode()

    settings_page = client_for(demo.hr).get(reverse("people:settings")).content.decode()
    assert reverse("people:erase", args=["helene"]) in settings_page
    assert reverse("people:erase", args=["helene"]) not in client_for(
        demo.reader).get(reverse("people:settings")).content.decode()
    confirmed = api_for(demo.hr).post(f"/api/v1/people/{person.username}/erase/")
    assert confirmed.json() == {"id": request.pk, "state": "approved"}
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert mine.get(reverse("people:settings")).status_code == 302


@pytest.mark.django_db
def test_a_person_takes_back_their_request_and_hr_may_decline_one(demo, client_for):
    person = demo.person
    mine = client_for(person)
    mine.post(reverse("people:erasure_request"), {"action": "request", "confirm": "1"})
    mine.post(reverse("people:erasure_request"), {"action": "withdraw"})
    assert ErasureRequest.objects.get().state == ErasureState.WITHDRAWN
    mine.post(reverse("people:erasure_request"), {"action": "request", "confirm": "1"})
    client_for(demo.hr).post(reverse("people:erase", args=["helene"]), {"action": "decline"})
    assert list(ErasureRequest.objects.order_by("pk").values_list("state", flat=True)) == [
        ErasureState.WITHDRAWN, ErasureState.DECLINED]
    person.refresh_from_db()
    assert person.is_active and person.erased_at is None
    answer = mine.post(reverse("people:erasure_request"), {"action": "withdraw"}, follow=True)
    assert "You have not asked for your erasure." in answer.content.decode()


@pytest.mark.django_db
def test_nobody_confirms_their_own_erasure(demo, make_person, api_for, client_for):
    other_hr = make_person("harriet")
    give_role(other_hr, "HR")
    own = api_for(demo.hr).post(f"/api/v1/people/{demo.hr.username}/erase/")
    assert own.status_code == 202 and own.json()["state"] == "requested"
    page = client_for(demo.hr).get(reverse("people:erase", args=[demo.hr.username]))
    assert "Another HR colleague must confirm your own erasure." in page.content.decode()
    client_for(demo.hr).post(reverse("people:erase", args=[demo.hr.username]),
                             {"action": "erase", "confirm": "1"})
    demo.hr.refresh_from_db()
    assert demo.hr.is_active
    assert api_for(other_hr).post(
        f"/api/v1/people/{demo.hr.username}/erase/").json()["state"] == "approved"


@pytest.mark.django_db
def test_only_hr_erases_others(demo, api_for, client_for):
    for who in (demo.colleague, demo.reader):
        answer = api_for(who).post(f"/api/v1/people/{demo.person.username}/erase/")
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "permission_denied"
        assert client_for(who).get(
            reverse("people:erase", args=[demo.person.username])).status_code == 404
        assert client_for(who).post(reverse("people:erase", args=[demo.person.username]),
                                    {"action": "erase", "confirm": "1"}).status_code == 404
    demo.person.refresh_from_db()
    assert demo.person.is_active and not ErasureRequest.objects.exists()


@pytest.mark.django_db
def test_who_cannot_be_erased_and_bad_input(demo, make_person, api_for):
    hr = api_for(demo.hr)
    admin = make_person("root")
    admin.is_superuser = True
    admin.save()
    official = make_person("company", is_official=True)
    assert hr.post("/api/v1/people/nobody-by-that-name/erase/").status_code == 404
    for person, code in ((admin, "administrator"), (official, "official_account")):
        answer = hr.post(f"/api/v1/people/{person.username}/erase/")
        assert answer.status_code == 409 and answer.json()["error"]["code"] == code
    for body in ('{"reason": "left"}', "[]", "{", "null"):
        answer = hr.generic("POST", f"/api/v1/people/{demo.person.username}/erase/", body,
                            content_type="application/json")
        assert answer.status_code == 400
    assert hr.get(f"/api/v1/people/{demo.person.username}/erase/").status_code == 405
    assert not ErasureRequest.objects.exists()
    assert hr.post(f"/api/v1/people/{demo.person.username}/erase/").status_code == 202
    erasure.erase(ErasureRequest.objects.get().pk)
    demo.person.refresh_from_db()
    again = hr.post(f"/api/v1/people/{demo.person.username}/erase/")
    assert again.status_code == 409 and again.json()["error"]["code"] == "erased"


@pytest.mark.django_db
def test_every_app_contributes_its_part():
    parts = {section.name: section for section in sections()}
    assert {"account", "profile", "feeds", "groups", "announcements", "events",
            "audit"} <= set(parts)
    assert [section.name for section in sections()][-1] == "account"


@pytest.mark.django_db
def test_the_cache_forgets_the_person(demo, settings, django_capture_on_commit_callbacks):
    settings.WRITE_RATE_LIMITS = {"post": ["60/min"]}
    now = time.time()
    keys = [window_key(account_prefix("helene"), parse_rate(rate)[1], now)[0]
            for rate in settings.SIGN_IN_LIMITS["account"]]
    keys.append(window_key(f"ratelimit:post:{demo.person.pk}", 60, now)[0])
    for key in keys:
        cache.set(key, 3, timeout=120)
    request = erasure.erasure_approve(actor=demo.hr, person=demo.person)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.erase_person.call(request.pk)
    assert cache.get_many(keys) == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_person_of_the_demo_company_is_exported_then_erased(
        settings, opensearch, index_now, client_for, api_for, database_queue):  # noqa: F811
    """The demo's most prolific poster, with a photo of their own: the export holds
    their posts and the photo; after HR erases them, nobody finds their name."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count

    from intranet.feeds.selectors import readable_posts
    from tests.feeds.conftest import png

    settings.WRITE_RATE_LIMITS = {}
    call_command("seed_demo", verbosity=0)
    people = get_user_model().objects.filter(is_active=True, is_superuser=False)
    person = people.annotate(written=Count("posts")).order_by("-written", "pk").first()
    name, username = person.get_full_name(), person.username
    hr = people.filter(groups__name="HR").exclude(pk=person.pk).first()
    colleague = next(other for other in people.exclude(pk__in=[person.pk, hr.pk])
                     if readable_posts(other).filter(author=person).exists())
    mine = api_for(person)
    assert mine.post("/api/v1/me/photo/", {"photo": png("me.png", color="navy")},
                     format="multipart").status_code == 200
    run_worker()
    index_now()
    assert name in api_text(api_for(colleague), f"/api/v1/people/?q={person.last_name}")[1]

    assert mine.post("/api/v1/me/export/").status_code == 202
    run_worker()
    url = mine.get("/api/v1/me/export/").json()["results"][0]["url"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client_for(person).get(url).streaming_content)))
    exported = json.loads(archive.read("posts.json"))
    assert len(exported) == Post.objects.filter(author=person, deleted_at__isnull=True).count() > 0
    photo = archive.read(json.loads(archive.read("profile.json"))["photo"])
    assert photo[:3] == b"\xff\xd8\xff"  # re-encoded as a JPEG when uploaded

    assert api_for(hr).post(f"/api/v1/people/{username}/erase/").status_code == 202
    run_worker()
    engine().refresh()
    browser, api = client_for(colleague), api_for(colleague)
    for address in ["/", reverse("people:directory"), f"/search/?q={person.last_name}"]:
        status, text = page_text(browser, address)
        assert status == 200 and name not in text, address
    for address in ["/api/v1/people/", f"/api/v1/people/?q={person.last_name}", "/api/v1/feed/",
                    f"/api/v1/search/?q={quote(name)}",
                    f"/api/v1/search/suggest/?q={quote(person.first_name[:3])}"]:
        status, text = api_text(api, address)
        assert status == 200 and name not in text and f"/people/{username}/" not in text, address
    assert api.get(f"/api/v1/people/{username}/").status_code == 404
    post = Post.objects.filter(author=person, deleted_at__isnull=True).filter(
        pk__in=readable_posts(colleague)).first()
    assert api.get(f"/api/v1/posts/{post.pk}/").json()["author_name"] == "Former employee"
