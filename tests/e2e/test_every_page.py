"""Every page type of the demo company, as an employee sees it on a phone (360 and 390 px
wide) and on a laptop (1366 px), in English and in French: nothing scrolls sideways,
axe-core finds no WCAG 2.2 A or AA violation, and a screenshot of each is kept
(TEST_ARTEFACTS, default var/artefacts/screenshots)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from intranet.announcements.selectors import announcements_for
from intranet.feeds.models import Topic
from intranet.feeds.selectors import readable_posts
from intranet.groups.models import InterestGroup, Role
from intranet.moderation.services.decisions import case_decide
from intranet.moderation.services.reports import report_create
from intranet.people.erasure import erasure_ask
from intranet.people.exports import build, export_start
from intranet.people.services import profile_ensure, profile_update

PASSWORD = "a long passphrase 1"
ROOT = Path(__file__).resolve().parents[2]
WIDTHS = [360, 390, 1366]
User = get_user_model()
# The outermost elements reaching past the right edge: what to fix when a page is too wide.
WIDEST = """() => {
  const edge = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("body *")).filter(
    (node) => node.getBoundingClientRect().right > edge + 1);
  return wide.filter((node) => !wide.includes(node.parentElement)).slice(0, 4).map(
    (node) => node.tagName.toLowerCase() + (node.className ? "." + String(node.className)
      .trim().split(/\\s+/).join(".") : "") + " " + Math.round(node.getBoundingClientRect().right));
}"""


def artefacts() -> Path:
    folder = Path(os.environ.get("TEST_ARTEFACTS") or ROOT / "var" / "artefacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def axe_script() -> Path:
    script = Path(os.environ.get("AXE_SCRIPT", ""))
    if not script.is_file():
        pytest.fail("axe-core is needed: AXE_SCRIPT names its axe.min.js (make test installs "
                    "it from npm)")
    return script


def violations(page, script: Path) -> list[str]:
    """axe-core's rules on the page as it is: WCAG 2.2 A and AA, and its best practices
    (one h1, headings in order, landmarks)."""
    page.evaluate(script.read_text())  # as the browser's tools run it, not as the page's
    found = page.evaluate("""async () => {
      const result = await axe.run(document);
      return result.violations.map((v) => `${v.id}: ${v.nodes.length} times: ` +
        v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | "));
    }""")
    return found


def page_types() -> tuple[str, dict[str, str]]:
    """Who looks (the owner of a private group, with requests to decide), and one address
    of each page type with real content behind it."""
    group = InterestGroup.objects.get(slug="design-system")
    owner = group.memberships.get(role=Role.OWNER).user
    post = readable_posts(owner).filter(group__isnull=False).order_by("-pk").first()
    topic = Topic.objects.order_by("pk").first()
    announcement = announcements_for(owner).first()
    decided = moderation_cases(group, owner)
    asking = personal_data(group, owner)
    return owner.username, {
        "home": "/",
        "directory": reverse("people:directory"),
        "profile": reverse("people:profile", args=["ceo"]),
        "org-chart": reverse("people:org_chart", args=["ceo"]),
        "profile-editor": reverse("people:edit"),
        "settings": reverse("people:settings"),
        "erase": reverse("people:erase", args=[asking.username]),
        "groups": reverse("groups:directory"),
        "group-new": reverse("groups:create"),
        "group": reverse("groups:detail", args=[group.slug]),
        "group-members": reverse("groups:members", args=[group.slug]),
        "group-requests": reverse("groups:requests", args=[group.slug]),
        "group-settings": reverse("groups:settings", args=[group.slug]),
        "post": reverse("feeds:post", args=[post.pk]),
        "post-edit": reverse("feeds:post_edit", args=[
            readable_posts(owner).filter(author=owner).order_by("-pk").first().pk]),
        "topic": reverse("feeds:topic", args=[topic.slug]),
        "notifications": reverse("feeds:notifications"),
        "search": reverse("search:results") + "?q=design",
        "experts": reverse("search:experts") + "?skill=python",
        "brand": reverse("brand:highlights"),
        "announcement": announcement.url,
        "password": reverse("accounts:password_change"),
        "two-factor": reverse("accounts:two_factor"),
        "not-found": "/people/nobody-by-that-name/",
        "offline": reverse("intranet-offline"),
        "shortcuts": reverse("feeds:shortcuts"),
        "report": reverse("moderation:report", args=["post", post.pk]),
        "moderation": reverse("moderation:queue"),
        "decision": reverse("moderation:decision", args=[decided.pk]),
        "moderation-rules": reverse("moderation:rules"),
        "unanswered": reverse("moderation:unanswered") + "?hours=0",
    }


def moderation_cases(group: InterestGroup, owner):
    """A report waiting in the owner's queue; the decision about the owner's own post.
    The owner is a community manager too, to see the pages only they see."""
    member = group.memberships.exclude(user=owner).first().user
    theirs = readable_posts(owner).filter(group=group).exclude(author=owner).first()
    report_create(actor=owner, kind="post", key=str(theirs.pk), reason="spam",
                  note="Off topic for this group")
    own = readable_posts(owner).filter(author=owner, group=group).first()
    report, _ = report_create(actor=member, kind="post", key=str(own.pk), reason="spam")
    manager = User.objects.create(username="moderation-check")
    manager.groups.add(AuthGroup.objects.get(name="Community managers"))
    decided = case_decide(actor=manager, case=report.case, action="hide",
                          reason="Please keep prices out of the group")
    owner.groups.add(AuthGroup.objects.get(name="Community managers"))
    return decided


def personal_data(group: InterestGroup, owner):
    """The owner, HR too, has a copy of their data ready and another being prepared, and
    a member of the group asks for their erasure: returns that member."""
    owner.groups.add(AuthGroup.objects.get(name="HR"))
    build(str(export_start(actor=owner).pk))
    export_start(actor=owner)
    asking = group.memberships.exclude(user=owner).order_by("pk").last().user
    erasure_ask(actor=asking)
    return asking


def sign_in(context, server: str, username: str):
    page = context.new_page()
    page.goto(f"{server}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server}/")
    return page


@pytest.mark.e2e
def test_every_page_fits_a_phone_passes_axe_and_is_photographed(server, browser):
    call_command("seed_demo", password=PASSWORD, verbosity=0)
    username, pages = page_types()
    folder = artefacts()
    script = axe_script()
    sideways, inaccessible = [], []
    for language in ("en", "fr"):
        profile_update(actor=None, profile=profile_ensure(user=User.objects.get(username=username)),
                       changes={"preferred_language": language})
        for width in WIDTHS:
            context = browser.new_context(locale=language, viewport={"width": width,
                                                                     "height": 800})
            login = context.new_page()
            login.goto(f"{server}/accounts/login/")
            login.screenshot(path=folder / f"{language}-{width}-sign-in.png", full_page=True)
            if width in (360, 1366):
                inaccessible += [f"sign-in at {width} px ({language}): {found}"
                                 for found in violations(login, script)]
            page = sign_in(context, server, username)
            for name, address in pages.items():
                page.goto(f"{server}{address}")
                page.wait_for_load_state("load")
                extra = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if extra > 0:
                    sideways.append(f"{name} at {width} px ({language}): {extra} px too wide, "
                                    f"because of {page.evaluate(WIDEST)}")
                page.screenshot(path=folder / f"{language}-{width}-{name}.png", full_page=True)
                if width in (360, 1366):
                    inaccessible += [f"{name} at {width} px ({language}): {found}"
                                     for found in violations(page, script)]
            context.close()
    assert sideways == [], "\n".join(sideways)
    assert inaccessible == [], "\n".join(inaccessible)


@pytest.mark.e2e
def test_on_a_phone_the_header_folds_into_a_menu(server, browser, make_person):
    make_person("ana", first_name="Ana", password=PASSWORD)
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 800})
    page = sign_in(context, server, "ana")
    people = page.get_by_role("navigation", name="Main").get_by_role("link", name="People")
    expect(people).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    people.click()
    expect(page).to_have_url(f"{server}/people/")
    page.set_viewport_size({"width": 1366, "height": 800})
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups")
           ).to_be_visible()
    context.close()
