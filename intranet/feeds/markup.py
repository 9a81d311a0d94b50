"""Posts and comments are written in a safe subset of Markdown.

The text is rendered by markdown-it (raw HTML off), @mentions and #topics become links,
and the result is cleaned by nh3 with a short allow-list, so no script, event handler or
`javascript:` link survives whatever is typed.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from intranet.core.links import LINK_SCHEMES
from intranet.core.text import fold

USERNAME = re.compile(r"[\w.+-]*[\w+-]")
TOPIC_NAME = re.compile(r"[^\W\d_][\w-]{0,62}")
GROUP_MENTION = "group"

ALLOWED_TAGS = {"p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol",
                "li", "a", "hr", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}}


def topic_slug(name: str) -> str:
    return slugify(fold(name))[:80]


@dataclass
class Rendered:
    html: str
    mentions: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    mentions_group: bool = False
    first_link: str = ""


def _after_word(state: StateInline) -> bool:
    """True when the marker follows a letter, as in an e-mail address or a word#with."""
    return state.pos > 0 and (state.src[state.pos - 1].isalnum()
                              or state.src[state.pos - 1] in "_.@#&/")


def _link(state: StateInline, href: str, text: str, css: str) -> None:
    if state.linkLevel > 0:  # inside a link's text: a link in a link would break both
        state.push("text", "", 0).content = text
        return
    opening = state.push("link_open", "a", 1)
    opening.attrs = {"href": href, "class": css}
    state.push("text", "", 0).content = text
    state.push("link_close", "a", -1)


def _mention(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "@" or _after_word(state):
        return False
    found = USERNAME.match(state.src, state.pos + 1)
    if not found:
        return False
    name = found.group(0)
    if not silent:
        env = state.env
        if name.casefold() == GROUP_MENTION:
            env["mentions_group"] = True
            state.push("text", "", 0).content = f"@{name}"
        else:
            env.setdefault("mentions", []).append(name)
            known = env.get("known_users", {})
            if name in known and state.linkLevel > 0:
                state.push("text", "", 0).content = f"@{name}"
            elif name in known:
                # Colleagues are shown by the name people know them by, not their login.
                _link(state, f"/people/{name}/", known[name], "mention")
            else:
                state.push("text", "", 0).content = f"@{name}"
    state.pos += 1 + len(name)
    return True


def _topic(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#" or _after_word(state):
        return False
    found = TOPIC_NAME.match(state.src, state.pos + 1)
    if not found or not topic_slug(found.group(0)):
        return False
    name = found.group(0)
    if not silent:
        state.env.setdefault("topics", []).append(name)
        _link(state, f"/feed/topics/{topic_slug(name)}/", f"#{name}", "topic")
    state.pos += 1 + len(name)
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True,
                                   "typographer": False})
    md.enable(["linkify", "strikethrough"])
    md.disable(["image"])
    md.inline.ruler.before("emphasis", "mention", _mention)
    md.inline.ruler.before("emphasis", "topic", _topic)
    return md


MARKDOWN = _parser()


def _first_link(tokens) -> str:
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                href = child.attrs.get("href", "")
                if href.startswith(("http://", "https://")):
                    return href
    return ""


def render(body: str, *, known_users: Mapping[str, str] | None = None) -> Rendered:
    """Render `body`; only usernames in `known_users` become links to their profiles,
    each showing the display name it maps to."""
    env: dict = {"known_users": known_users or {}}
    tokens = MARKDOWN.parse(body, env)
    raw = MARKDOWN.renderer.render(tokens, MARKDOWN.options, env)
    html = nh3.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=LINK_SCHEMES, link_rel="nofollow noopener noreferrer")
    return Rendered(html=html, mentions=list(dict.fromkeys(env.get("mentions", []))),
                    topics=list(dict.fromkeys(env.get("topics", []))),
                    mentions_group=env.get("mentions_group", False),
                    first_link=_first_link(tokens))
