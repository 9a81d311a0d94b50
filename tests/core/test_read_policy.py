"""The leak matrix: for each kind of content, each role and each visibility, every read
path shows exactly what the kind's read policy (`intranet.core.policy`) allows: pages,
the API, search hits, facets and suggestions, the catch-up, notifications and their
e-mails, media. Whatever a path shows of what the policy refuses is a leak; whatever it
hides of what the policy allows is a bug."""

import io
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.test import APIClient
from wagtail.models import Page, PageViewRestriction

from intranet.accounts.services import token_create
from intranet.announcements.services.delivery import notify_audience_of
from intranet.core.policy import read_policy
from intranet.core.site import site_home
from intranet.feeds.emails import email_one
from intranet.feeds.models import Notification
from intranet.feeds.services.comments import comment_create
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.people.selectors import visible_fields
from intranet.people.services import employee_leave, profile_ensure, profile_update
from intranet.plugins.models import BrandItem
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.sources import source_create
from intranet.search.engines import engine
from intranet.search.indexing import drain_all
from tests.announcements.conftest import publish as publish_announcement
from tests.events import latest_position
from tests.feeds.conftest import give_role, join_as
from tests.search.conftest import use_engine

pytestmark = pytest.mark.django_db
VISIBILITIES = ("open", "private", "secret")
ROLES = ("owner", "moderator", "member", "outsider", "staff", "superuser", "leaver")


def png():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(out, format="PNG")
    return SimpleUploadedFile("p.png", out.getvalue(), content_type="image/png")


@dataclass
class World:
    people: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    announcements: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    since: int = 0


def build(make_person) -> World:
    world = World()
    people = world.people
    for role in ROLES:
        people[role] = make_person(role)
    hr, comms = make_person("hana"), make_person("acme", is_official=True)
    give_role(hr, "HR")
    give_role(comms, "Communications")
    staff = people["staff"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="change_interestgroup"),
                               Permission.objects.get(codename="access_admin"))
    superuser = people["superuser"]
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    world.since = latest_position()
    for visibility in VISIBILITIES:
        group = group_create(actor=people["owner"], name=f"Club {visibility}",
                             visibility=visibility)
        join_as(group, people["moderator"], people["owner"], "moderator")
        for role in ("member", "leaver", "hana", "acme"):
            join_as(group, people.get(role) or {"hana": hr, "acme": comms}[role],
                    people["owner"])
        world.groups[visibility] = group
        post = post_create(actor=people["member"], group=group, images=[png()],
                           body=f"Zq{visibility} plan #tq{visibility} @outsider @owner")
        world.posts[visibility] = post
        world.comments[visibility] = comment_create(actor=people["owner"], post=post,
                                                    body=f"Zc{visibility} reply")
        world.announcements[visibility] = publish_announcement(
            f"Za{visibility} notice", groups=[group])
        notify_audience_of(world.announcements[visibility])
        source = source_create(actor=comms, connector="rss", name=f"Blog {visibility}",
                               settings={"url": "https://example.com/feed"}, account=comms,
                               group=group)
        item = BrandItem.objects.create(
            source=source, external_id=visibility, url=f"https://example.com/{visibility}",
            title=f"Zb{visibility} story", text="Story", content_hash=visibility)
        world.items[visibility] = item_decide(actor=comms, item=item, decision="approve")
    world.posts["company"] = post_create(actor=hr, body="Zqcompany news")
    board = AuthGroup.objects.create(name="Board")
    people["owner"].groups.add(board)
    home = site_home()
    for name, restriction in (("public", None), ("board", PageViewRestriction.GROUPS),
                              ("password", PageViewRestriction.PASSWORD)):
        page = home.add_child(instance=Page(title=f"Zp{name} handbook"))
        page.save_revision().publish()
        if restriction is not None:
            made = PageViewRestriction.objects.create(page=page, restriction_type=restriction,
                                                      password="s3same")
            made.groups.set([board])
        world.pages[name] = page
    profile_update(actor=None, profile=profile_ensure(user=people["member"]), changes={
        "phone": "+33 1 23 45 67 89", "bio": "Collects zqbio stamps", "job_title": "Welder",
        "privacy": {"phone": "groups", "bio": "private", "job_title": "everyone"}})
    employee_leave(actor=None, profile=profile_ensure(user=people["leaver"]))
    for user in people.values():
        user.refresh_from_db()
    return world


def api_of(user) -> APIClient:
    api = APIClient()
    if user.is_active:
        _token, plaintext = token_create(user=user, name="matrix")
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return api


def browser_of(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def ok(response) -> bool:
    return response.status_code == 200


def answered(response, user) -> bool | str:
    """Shown (200) or absent (404, as for what does not exist); any other answer tells
    "exists but hidden" apart. A leaver is not signed in at all: 401 or the sign-in page,
    whatever they ask for."""
    if response.status_code == 200:
        return True
    if response.status_code == 404 or (not user.is_active
                                       and response.status_code in (401, 302)):
        return False
    return f"answered {response.status_code}, not 404"


def results(response) -> str:
    return str(response.json().get("results", [])) if ok(response) else ""


def catch_up(api, since: int, watching: list[str]) -> str:
    """Everything since `since`, watching every group (only open ones may be watched)."""
    frames, url = [], f"/api/v1/events/?since={since}" + "".join(
        f"&group={slug}" for slug in watching)
    while url:
        response = api.get(url)
        if not ok(response):
            return ""
        frames += response.json()["results"]
        url = response.json()["next"]
    return str(frames)


@pytest.fixture(params=["database", "opensearch"])
def world(request, settings, make_person):
    yield from use_engine(settings, request.param)


def test_every_read_path_shows_exactly_what_the_policy_allows(world, make_person):
    w = build(make_person)
    drain_all()
    engine().refresh()
    leaks = []

    def expect(role, kind, obj, path, seen, *, delivered=False):
        """Shown exactly when the policy allows; for what is delivered to an audience
        (an announcement's notification), never beyond what it allows."""
        allowed = read_policy(kind).can_read(w.people[role], obj)
        if isinstance(seen, str) or (seen != allowed and not (delivered and not seen)):
            leaks.append(f"{role} {kind} {obj!r} via {path}: shown={seen} policy={allowed}")

    for role in ROLES:
        user = w.people[role]
        api, browser = api_of(user), browser_of(user)

        def via_api(url, api=api, user=user):
            return answered(api.get(url), user)

        def via_page(url, browser=browser, user=user):
            return answered(browser.get(url), user)
        frames = catch_up(api, w.since, [group.slug for group in w.groups.values()])
        notified = results(api.get("/api/v1/notifications/"))

        def search(q, kind=None, api=api):
            response = api.get("/api/v1/search/", {"q": q, **({"type": kind} if kind else {})})
            return (results(response) + str(response.json().get("facets"))).lower() \
                if ok(response) else ""

        for visibility in VISIBILITIES:
            group, post = w.groups[visibility], w.posts[visibility]
            comment, item = w.comments[visibility], w.items[visibility]
            announcement = w.announcements[visibility]
            word, cword = f"Zq{visibility}", f"Zc{visibility}"
            expect(role, "post", post, "API", via_api(f"/api/v1/posts/{post.pk}/"))
            expect(role, "post", post, "page", via_page(f"/feed/posts/{post.pk}/"))
            expect(role, "post", post, "group feed",
                   word in results(api.get(f"/api/v1/groups/{group.slug}/posts/")))
            expect(role, "post", post, "search", word.lower() in search(word))
            expect(role, "post", post, "catch-up", word in frames)
            expect(role, "post", post, "image",
                   via_page(post.images.first().image.url))
            expect(role, "comment", comment, "API", cword in results(
                api.get(f"/api/v1/posts/{post.pk}/comments/")))
            expect(role, "comment", comment, "search", cword.lower() in search(cword))
            expect(role, "comment", comment, "catch-up", cword in frames)
            topic = post.topics.get()
            expect(role, "topic", topic, "API", via_api(f"/api/v1/topics/{topic.slug}/posts/"))
            expect(role, "topic", topic, "page", via_page(f"/feed/topics/{topic.slug}/"))
            expect(role, "group", group, "API", via_api(f"/api/v1/groups/{group.slug}/"))
            expect(role, "group", group, "list",
                   group.slug in results(api.get("/api/v1/groups/")))
            expect(role, "group", group, "page", via_page(f"/groups/{group.slug}/"))
            expect(role, "group", group, "suggest", group.name in results(
                api.get("/api/v1/search/suggest/", {"q": "Club"})))
            expect(role, "group", group, "search", group.slug in search(group.name, "group"))
            expect(role, "group content", group, "members",
                   via_api(f"/api/v1/groups/{group.slug}/members/"))
            aword = f"Za{visibility}"
            expect(role, "announcement", announcement, "API",
                   via_api(f"/api/v1/announcements/{announcement.pk}/"))
            expect(role, "announcement", announcement, "page", via_page(announcement.url))
            expect(role, "announcement", announcement, "search",
                   aword.lower() in search(aword, "page"))
            expect(role, "announcement", announcement, "notification", aword in notified,
                   delivered=True)
            expect(role, "announcement", announcement, "catch-up", aword in frames,
                   delivered=True)
            bword = f"Zb{visibility}"
            expect(role, "brand item", item, "highlights",
                   bword in results(api.get("/api/v1/brand/highlights/")))
            expect(role, "brand item", item, "catch-up", bword in frames)
            expect(role, "brand item", item, "share", api.post(
                f"/api/v1/brand/items/{item.pk}/share/").status_code == 200)
        for name, page in w.pages.items():
            pword = f"Zp{name}"
            expect(role, "page", page, "search", pword.lower() in search(pword, "page"))
            if name != "password":
                expect(role, "page", page, "page", via_page(page.url))
        profile = profile_ensure(user=w.people["member"])
        allowed = visible_fields(user, profile) if user.is_active else frozenset()
        shown = api.get("/api/v1/people/member/")
        fields = shown.json() if ok(shown) else {}
        for name, value in (("phone", "+33 1 23 45 67 89"), ("bio", "Collects zqbio stamps"),
                            ("job_title", "Welder")):
            if (fields.get(name) == value) != (name in allowed):
                leaks.append(f"{role} profile field {name} via API: shown="
                             f"{fields.get(name) == value} policy={name in allowed}")
            if name == "bio" and "zqbio" in search("zqbio") and name not in allowed:
                leaks.append(f"{role} profile field {name} via search")
        mentions = Notification.objects.filter(recipient=user, kind="mention")
        for notification in mentions:
            expect(role, "post", notification.post, "e-mail", email_one(notification.pk),
                   delivered=True)
    assert not leaks, "\n".join(leaks)
