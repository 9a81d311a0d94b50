"""The Wagtail admin sends nothing outside the company. As a superuser and as a community
manager, every admin page a GET reaches opens in Chromium with every request watched.
The pages are found, not listed here: the admin's menu, every viewset's index, add form
and one object's edit or inspect page, the explorer and the editor (and add form) of each
page type, then the admin links those pages show. None may ask another host for anything,
nor answer with a server error; the browser fixture also fails the test on anything the
Content-Security-Policy refused. With ADMIN_OUTSIDE_REQUESTS on, the superuser's
dashboard does ask wagtail.org for its latest release and Gravatar for pictures: the
watch sees requests leave when they do."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image as Picture
from playwright.sync_api import Error as BrowserError
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models

from intranet.announcements.demo import ANNOUNCEMENTS
from intranet.announcements.services.writing import announcement_create
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute
from intranet.moderation.services.rules import rule_build, rule_save
from intranet.people.models import Department, Location
from intranet.plugins.demo import seed_brand
from intranet.search.models import SynonymSet
from intranet.search.services import unanswered_record
from tests.admin_menu import menu_links
from tests.servers import start_server, stop

PASSWORD = "a long passphrase 1"
LIMIT = 300  # addresses one walk opens at most
# Not pages: signing out, choosers' modal fragments, exports and downloads.
SKIPPED = re.compile(r"/logout/|/choose|/chooser/|/export|\.(csv|xlsx)$|/dismissibles/")
# Screens Wagtail draws the same way for every model: one of each is opened.
GENERIC = re.compile(r"^/admin/(bulk)/|/(history|usage|delete|unpublish|disable|preview|"
                     r"add_subpage|revisions)/")


def one_of_each(make_person) -> dict[str, str]:
    """A small company with a row behind every admin screen: a superuser, each role, a
    group with a reported post, a mute, rules, brand sources and items, an announcement,
    departments, synonyms, an image, a document and a redirect."""
    root = make_person("root", password=PASSWORD)
    root.is_superuser = True
    root.save()
    people = {}
    for username, role in (("helen", "HR"), ("chris", "Communications"),
                           ("cora", "Community managers")):
        people[role] = make_person(username, password=PASSWORD)
        people[role].groups.add(AuthGroup.objects.get(name=role))
    manager, member = people["Community managers"], make_person("mike")
    make_person("acme", is_official=True)  # brand sources publish as it
    group = group_create(actor=people["HR"], name="Book club")
    group_join(actor=member, group=group)
    post = post_create(actor=member, group=group, body="Cheap tickets, DM me")
    report_create(actor=people["HR"], kind="post", key=str(post.pk), reason="spam")
    mute(actor=manager, user=member, group=None, until=timezone.now() + timedelta(days=1),
         reason="Flooding")
    rule_save(actor=manager, rule=rule_build(actor=manager, name="Card numbers",
                                             action="hide", conditions={"words": ["card"]}))
    seed_brand()
    announcement_create(actor=people["HR"], data={**ANNOUNCEMENTS[0], "ack_due": (
        timezone.now() + timedelta(days=14)).isoformat()})
    Department.objects.create(name="Finance")
    Location.objects.create(name="Lyon")
    SynonymSet.objects.create(terms="salarié, employee")
    unanswered_record("zeppelin")
    picture = io.BytesIO()
    Picture.new("RGB", (8, 8), "teal").save(picture, "PNG")
    get_image_model().objects.create(title="Teal", file=ContentFile(picture.getvalue(), "t.png"))
    get_document_model().objects.create(title="Handbook",
                                        file=ContentFile(b"Welcome", "handbook.txt"))
    Redirect.objects.create(old_path="/old-handbook", redirect_link="/")
    return {"superuser": "root", "manager": manager.username}


def addresses_of_every_screen() -> list[str]:
    """Each viewset's index and add form and its first object's edit or inspect page;
    the explorer, editor and add form of each page type."""
    reverse("wagtailadmin_home")  # the admin's URLs, hence its viewsets, are loaded
    found, finder = [], AdminURLFinder()
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        found += [address for name in ("index", "add") if (address := _reverse(viewset, name))]
        first = viewset.model._default_manager.order_by("pk").first()
        if first is not None:
            found += [address for name in ("edit", "inspect")
                      if (address := _reverse(viewset, name, first.pk))]
    home = Site.objects.get(is_default_site=True).root_page
    for model in get_page_models():
        page = model.objects.filter(depth__gt=1).order_by("pk").first()
        if page is not None:
            found += [finder.get_edit_url(page), reverse("wagtailadmin_explore",
                                                         args=[page.get_parent().pk])]
        if model is not Page and model.can_create_at(home):
            found.append(reverse("wagtailadmin_pages:add", args=[
                model._meta.app_label, model._meta.model_name, home.pk]))
    return found


def _reverse(viewset: ModelViewSet, name: str, *args) -> str | None:
    if name == "inspect" and not viewset.inspect_view_enabled:
        return None
    try:
        return reverse(viewset.get_url_name(name), args=args)
    except NoReverseMatch:
        return None


class Watch:
    """Every request a browser context makes to another host than the server's. (A
    listener, not a route: routing would turn the browser's cache off and make every page
    load Wagtail's scripts again.)"""

    def __init__(self, context, server: str) -> None:
        self.host = urlsplit(server).netloc
        self.outside: list[str] = []
        context.on("request", self._request)
        context.on("page", lambda page: page.on("websocket", self._socket))

    def _request(self, request) -> None:
        if request.url.startswith(("http:", "https:")) \
                and urlsplit(request.url).netloc != self.host:
            self.outside.append(f"{request.frame.url} -> {request.url}")

    def _socket(self, socket) -> None:
        if urlsplit(socket.url).netloc != self.host:
            self.outside.append(f"websocket {socket.url}")


def signed_in(browser, server: str, username: str):
    """A page of a fresh, watched context, signed in as `username` and on the admin."""
    context = browser.new_context(locale="en-GB", service_workers="block")
    watch = Watch(context, server)
    page = context.new_page()
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/admin/")
    page.wait_for_load_state("networkidle")
    return page, watch


def screen(path: str) -> str:
    """Addresses that differ only by an object's id, or by the model of a generic screen,
    show the same screen."""
    generic = GENERIC.search(path)
    return next(kind for kind in generic.groups() if kind) if generic \
        else re.sub(r"/\d+(?=/|$)", "/#", path)


def walk(page, server: str, start: list[str], *, follow: bool = True
         ) -> tuple[list[str], list[str]]:
    """Opens each start address, then (following) each admin screen their links lead to,
    one address per screen; returns what it opened and what failed."""
    host = urlsplit(server).netloc
    queue = list(dict.fromkeys(start))
    seen = {screen(address) for address in queue}
    opened, failed = [], []
    while queue and len(opened) < LIMIT:
        address = queue.pop(0)
        try:
            response = page.goto(f"{server}{address}")
        except BrowserError as error:
            failed.append(f"{address}: {error.message.splitlines()[0]}")
            continue
        opened.append(address)
        if response is not None and response.status >= 500:
            failed.append(f"{address}: {response.status}")
        if not follow:
            continue
        for link in page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)"):
            parts = urlsplit(link)
            if parts.netloc == host and parts.path.startswith("/admin/") \
                    and not SKIPPED.search(parts.path) and screen(parts.path) not in seen:
                seen.add(screen(parts.path))
                queue.append(parts.path)
    return opened, failed


def menu(page) -> list[str]:
    """The admin menu's addresses on this site, as the page's sidebar has them."""
    props = page.locator("#wagtail-sidebar-props").text_content()
    return [address for _, address in menu_links(props) if address.startswith("/")]


@pytest.mark.e2e
def test_no_admin_page_asks_another_site_for_anything(server, browser, make_person):
    people = one_of_each(make_person)
    screens = addresses_of_every_screen()
    report = []
    for who, extra in (("superuser", screens), ("manager", [])):
        page, watch = signed_in(browser, server, people[who])
        # The manager's screens are the superuser's: what differs is their menu.
        opened, failed = walk(page, server, ["/admin/", *menu(page), *extra],
                              follow=who == "superuser")
        page.wait_for_load_state("networkidle")
        report.append((who, opened, failed, watch.outside))
        page.context.close()
    superuser, manager = report[0][1], report[1][1]
    assert len(superuser) > 60 and set(screens) <= set(superuser)
    assert "/moderation/" in manager and "/admin/users/" not in manager
    problems = [f"{who}: {line}" for who, _, failed, outside in report
                for line in failed + outside]
    assert problems == [], "\n".join(problems)


@pytest.mark.e2e
def test_the_watch_sees_the_requests_the_setting_allows(
        transactional_db, django_db_serialized_rollback, browser, make_person):
    one_of_each(make_person)
    process, server = start_server(ADMIN_OUTSIDE_REQUESTS="1")
    try:
        page, watch = signed_in(browser, server, "root")
        page.context.close()
    finally:
        stop(process)
    hosts = {urlsplit(line.split(" -> ")[-1]).netloc for line in watch.outside}
    assert {"releases.wagtail.org", "www.gravatar.com"} <= hosts, watch.outside
