"""Whatever people type or upload, nothing runs in a reader's browser, nothing huge is
stored, private files stay private, and link previews never reach inside the network."""

import io
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intranet.feeds.markup import render
from intranet.feeds.models import MAX_BODY, Comment, Post, PostImage
from intranet.feeds.previews import attach_preview
from intranet.feeds.services.posts import post_edit
from tests.feeds.conftest import png

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    """Every tag and attribute of a piece of HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_harmless(html: str) -> None:
    for tag, attrs in Tags(html).tags:
        assert tag not in {"script", "style", "iframe", "img", "object", "embed", "svg",
                           "form", "input", "math", "base", "link", "meta"}, html
        assert not [name for name in attrs if name.startswith("on") or name == "style"], html
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("http://", "https://", "mailto:", "/")), html


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '[x](https://example.com "onmouseover=alert(1)")',
    "![x](https://example.com/a.png)",
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)">',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    "@<script>alert(1)</script> #<b>x</b>",
    '@"onmouseover=alert(1)" #"onclick=alert(1)"',
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "[x](//evil.example/path)",
]


@pytest.mark.smoke
@pytest.mark.parametrize("body", HOSTILE)
def test_nothing_typed_runs_in_a_readers_browser(body):
    html = render(body, known_users={"ana": "<b>Ana</b>"}).html
    assert_harmless(html)
    assert "<script" not in html.lower()


def test_hostile_posts_and_comments_are_stored_harmless(company, api_for):
    api = api_for(company.member)
    for body in HOSTILE:
        post = api.post("/api/v1/posts/", {"body": body, "group": "book-club"}, format="json")
        assert post.status_code == 201, (body, post.content)
        assert post.json()["body"] == body.strip()  # the source is kept as typed
        assert_harmless(post.json()["html"])
        comment = api.post(f"/api/v1/posts/{post.json()['id']}/comments/", {"body": body},
                           format="json")
        assert comment.status_code == 201, (body, comment.content)
        assert_harmless(comment.json()["html"])
        edited = api.patch(f"/api/v1/comments/{comment.json()['id']}/",
                           {"body": f"again {body}"}, format="json")
        assert_harmless(edited.json()["html"])


def test_a_script_shows_as_text(company, api_for):
    post = api_for(company.member).post(
        "/api/v1/posts/", {"body": "<script>alert(1)</script> <img src=x onerror=alert(1)>",
                           "group": "book-club"}, format="json").json()
    assert "&lt;script&gt;" in post["html"]
    assert "<img" not in post["html"]


def test_a_post_page_shows_hostile_text_escaped(company, api_for, client_for):
    post = api_for(company.member).post(
        "/api/v1/posts/", {"body": "<script>alert('x')</script>", "group": "book-club"},
        format="json").json()
    page = client_for(company.outsider).get(f"/feed/posts/{post['id']}/")
    assert page.status_code == 200
    assert "<script>alert('x')</script>" not in page.content.decode()


@pytest.mark.parametrize("comment", ["abc", "1 OR 1=1", "-1", "99999999999999999999"])
def test_page_forms_answer_nonsense_ids_with_404(company, publish, client_for, comment):
    post = publish(company.member, "Which?", group=company.open, is_question=True)
    client = client_for(company.member)
    assert client.post(f"/feed/posts/{post.pk}/react/", {"kind": "like", "on": "1",
                                                         "comment": comment}).status_code == 404
    assert client.post(f"/feed/posts/{post.pk}/best-answer/",
                       {"comment": comment}).status_code == 404


# Size


@pytest.mark.smoke
def test_a_one_megabyte_post_is_refused_with_a_clear_message(company, api_for):
    response = api_for(company.member).post(
        "/api/v1/posts/", {"body": "a" * 1_000_000, "group": "book-club"}, format="json")
    assert response.status_code in (400, 413)
    error = response.json()["error"]
    assert "20,000" in error["message"]
    assert "body" in error["fields"]
    assert not Post.objects.exists()


def test_the_limit_is_twenty_thousand_characters(company, api_for):
    api = api_for(company.member)
    assert api.post("/api/v1/posts/", {"body": "é" * MAX_BODY, "group": "book-club"},
                    format="json").status_code == 201
    over = api.post("/api/v1/posts/", {"body": "é" * (MAX_BODY + 1), "group": "book-club"},
                    format="json")
    assert over.status_code == 413
    assert over.json()["error"]["code"] == "too_large"
    assert Post.objects.count() == 1


def test_huge_comments_and_edits_are_refused(company, api_for, publish):
    post = publish(company.member, "Short", group=company.open)
    api = api_for(company.member)
    huge = "b" * 1_000_000
    assert api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": huge},
                    format="json").status_code in (400, 413)
    assert api.patch(f"/api/v1/posts/{post.pk}/", {"body": huge},
                     format="json").status_code in (400, 413)
    comment = api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "ok"},
                       format="json").json()
    assert api.patch(f"/api/v1/comments/{comment['id']}/", {"body": huge},
                     format="json").status_code in (400, 413)
    assert Post.objects.get(pk=post.pk).body == "Short"
    assert list(Comment.objects.values_list("body", flat=True)) == ["ok"]


@pytest.mark.parametrize("body", ["[" * 19_000, "> " * 9_000, "*a " * 6_000,
                                  "- " * 9_000, "@" * 19_000, "#" * 19_000,
                                  "http://x.example/" * 1_000])
def test_pathological_markdown_is_rendered(company, api_for, body):
    response = api_for(company.member).post("/api/v1/posts/",
                                            {"body": body, "group": "book-club"}, format="json")
    assert response.status_code == 201
    assert_harmless(response.json()["html"])


@pytest.mark.parametrize("payload", [
    {"body": ["a list"]}, {"body": {"an": "object"}}, {"body": "nul \x00 byte"},
    {"body": "fine", "publish_at": "tomorrow"}, {"body": "fine", "images": "not files"},
    {"body": "fine", "is_question": "perhaps"},
])
def test_malformed_posts_are_400(company, api_for, payload):
    response = api_for(company.member).post("/api/v1/posts/",
                                            {"group": "book-club", **payload}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] in ("invalid", "parse_error")
    assert not Post.objects.exists()


def test_a_nul_byte_in_a_comment_is_400(company, api_for, publish):
    post = publish(company.member, "Short", group=company.open)
    response = api_for(company.member).post(f"/api/v1/posts/{post.pk}/comments/",
                                            {"body": "a\x00b"}, format="json")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_body_that_is_not_json_is_400(company, api_for):
    response = api_for(company.member).post("/api/v1/posts/", "{not json",
                                            content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


# Uploads


def upload(api, *files):
    return api.post("/api/v1/posts/", {"body": "Look", "group": "book-club",
                                       "images": list(files)}, format="multipart")


@pytest.mark.parametrize("name, content", [
    ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("page.jpg", b"<html><script>alert(1)</script></html>"),
    ("empty.png", b"\x89PNG\r\n\x1a\n"),
    ("truncated.png", png().read()[:60]),
])
def test_files_that_are_not_images_are_refused(company, api_for, name, content):
    response = upload(api_for(company.member),
                      SimpleUploadedFile(name, content, content_type="image/png"))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_image"
    assert not Post.objects.exists() and not PostImage.objects.exists()


def test_an_image_bomb_is_refused(company, api_for):
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, format="PNG")
    response = upload(api_for(company.member),
                      SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png"))
    assert response.status_code in (400, 413)
    assert not Post.objects.exists()


def test_images_are_re_encoded_without_their_metadata(company, api_for):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPS position
    exif[0x010F] = "Secret camera"
    Image.new("RGB", (30, 20), "red").save(out, format="JPEG", exif=exif)
    response = upload(api_for(company.member),
                      SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg"))
    assert response.status_code == 201
    stored = PostImage.objects.get()
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert not image.getexif()
        assert image.size == (30, 20)


def test_private_images_are_served_only_to_readers(company, api_for, client_for):
    post = api_for(company.member).post(
        "/api/v1/posts/", {"body": "Secret plan", "group": company.secret.slug, "images": [png()]},
        format="multipart")
    assert post.status_code == 201
    url = post.json()["images"][0]["url"]
    assert url.startswith("/private-media/")
    assert client_for(company.moderator).get(url).status_code == 200
    assert client_for(company.outsider).get(url).status_code == 404
    Post.objects.filter(pk=post.json()["id"]).update(deleted_at="2024-01-01T00:00:00Z")
    assert client_for(company.moderator).get(url).status_code == 404


# Link previews


class Site:
    """A real HTTP server on the loopback interface that counts what it is asked."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                if self.path.startswith("/logo.png"):
                    body, kind = png().read(), "image/png"
                else:
                    name = self.path.strip("/") or "home"
                    body = (f'<html><head><title>Plain {name}</title>'
                            f'<meta property="og:title" content="Title of {name}">'
                            f'<meta property="og:description" content="About &lt;{name}&gt;">'
                            '<meta property="og:image" content="/logo.png">'
                            "</head><body>Hello</body></html>").encode()
                    kind = "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    with Site() as running:
        yield running


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_no_preview_from_inside_the_network(company, api_for, site, settings, host):
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = False
    url = site.url.replace("127.0.0.1", host) + "/page"
    post = api_for(company.member).post("/api/v1/posts/", {
        "body": f"Have a look: {url}", "group": "book-club"}, format="json").json()
    assert Post.objects.get(pk=post["id"]).link_url == url
    assert attach_preview(post["id"]) is False
    assert site.requests == []
    fresh = api_for(company.member).get(f"/api/v1/posts/{post['id']}/").json()
    assert fresh["link"] is None


def test_a_preview_is_attached_when_private_networks_are_allowed(company, api_for, site,
                                                                 settings, client_for):
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = True
    post = api_for(company.member).post("/api/v1/posts/", {
        "body": f"Have a look: {site.url}/page", "group": "women-in-tech"},
        format="json").json()
    assert attach_preview(post["id"]) is True
    assert site.requests == ["/page", "/logo.png"]
    link = api_for(company.member).get(f"/api/v1/posts/{post['id']}/").json()["link"]
    assert (link["url"], link["title"], link["description"]) == (
        f"{site.url}/page", "Title of page", "About <page>")
    assert link["image"].startswith("/private-media/feeds/previews/")
    assert client_for(company.member).get(link["image"]).status_code == 200
    assert client_for(company.outsider).get(link["image"]).status_code == 404


def test_editing_the_link_replaces_the_preview(company, api_for, site, settings):
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = True
    api = api_for(company.member)
    post = api.post("/api/v1/posts/", {"body": f"See {site.url}/first", "group": "book-club"},
                    format="json").json()
    attach_preview(post["id"])
    assert api.get(f"/api/v1/posts/{post['id']}/").json()["link"]["title"] == "Title of first"
    edited = api.patch(f"/api/v1/posts/{post['id']}/", {"body": f"No, {site.url}/second"},
                       format="json").json()
    assert edited["link"] is None or edited["link"]["title"] != "Title of first"
    assert attach_preview(post["id"]) is True
    link = api.get(f"/api/v1/posts/{post['id']}/").json()["link"]
    assert (link["url"], link["title"]) == (f"{site.url}/second", "Title of second")
    api.patch(f"/api/v1/posts/{post['id']}/", {"body": "No link at all"}, format="json")
    assert api.get(f"/api/v1/posts/{post['id']}/").json()["link"] is None


def test_editing_the_link_fetches_the_new_preview(company, site, settings, publish,
                                                  database_queue,
                                                  django_capture_on_commit_callbacks):
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = True
    from intranet.core.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        post = publish(company.member, f"See {site.url}/first", group=company.open)
    assert Job.objects.filter(task_path="intranet.feeds.tasks.fetch_link_preview").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(actor=company.member, post=post, body=f"See {site.url}/second")
    assert Job.objects.filter(task_path="intranet.feeds.tasks.fetch_link_preview").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(actor=company.member, post=post, body=f"Still {site.url}/second")
    assert Job.objects.filter(task_path="intranet.feeds.tasks.fetch_link_preview").count() == 2
