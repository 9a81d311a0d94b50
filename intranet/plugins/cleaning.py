"""Outside HTML made safe to show inside: links resolved against the item's address,
images taken out (they are fetched and kept by us, so readers never load them from the
outside site, and tracking pixels go), then sanitised by nh3 with a short allow-list."""

from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from bs4 import BeautifulSoup

from intranet.core.links import LINK_SCHEMES

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "hr", "h2", "h3", "h4", "h5", "h6", "span", "figure",
        "figcaption", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"colspan", "rowspan"},
              "td": {"colspan", "rowspan"}}
BLOCKS = ["p", "br", "pre", "blockquote", "ul", "ol", "li", "hr", "h2", "h3", "h4", "h5", "h6",
          "figure", "figcaption", "table", "tr", "th", "td"]
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template",
                        "svg", "math", "form", "button", "select", "textarea"}


@dataclass(frozen=True)
class Cleaned:
    html: str
    text: str
    images: list[str]


def _is_pixel(tag) -> bool:
    sizes = [tag.get("width", ""), tag.get("height", "")]
    return any(size.strip().rstrip("px").strip() in {"0", "1"} for size in sizes if size)


def clean_html(html: str, base_url: str) -> Cleaned:
    soup = BeautifulSoup(html or "", "html.parser")
    images = []
    for img in soup.find_all("img"):
        src = (img.get("src") or "").strip()
        if src and not _is_pixel(img):
            absolute = urljoin(base_url, src)
            if absolute.startswith(("http://", "https://")):
                images.append(absolute)
        img.decompose()
    for link in soup.find_all("a", href=True):
        link["href"] = urljoin(base_url, link["href"].strip())
    safe = nh3.clean(str(soup), tags=TAGS, attributes=ATTRIBUTES, url_schemes=LINK_SCHEMES,
                     clean_content_tags=DROPPED_WITH_CONTENT,
                     link_rel="nofollow noopener noreferrer")
    return Cleaned(html=safe.strip(), text=plain_text(safe), images=list(dict.fromkeys(images)))


def plain_text(html: str) -> str:
    """The words of safe HTML on one line: blocks and line breaks part words, inline
    markup does not (Mastodon writes `#<span>innovation</span>`, which reads #innovation)."""
    soup = BeautifulSoup(html, "html.parser")
    for block in soup.find_all(BLOCKS):
        block.append(" ")
        block.insert_before(" ")
    return " ".join(soup.get_text("").split())
