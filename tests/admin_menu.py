"""The Wagtail admin's menu as a person's browser receives it: the sidebar's data, read
into (label, address) pairs, submenus flattened in order."""

import json
import re

from django.test import Client

SIDEBAR = re.compile(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', re.S)


def _values(node, known: dict):
    """Telepath's packing undone: a repeated value is sent once and referred to after."""
    if isinstance(node, dict):
        if "_ref" in node:
            return known[node["_ref"]]
        if "_val" in node:
            value = _values(node["_val"], known)
            known[node.get("_id")] = value
            return value
        return {key: _values(value, known) for key, value in node.items()}
    if isinstance(node, list):
        return [_values(value, known) for value in node]
    return node


def _links(node) -> list[tuple[str, str]]:
    found = []
    if isinstance(node, dict):
        if node.get("_type") in ("wagtail.sidebar.LinkMenuItem",
                                 "wagtail.sidebar.PageExplorerMenuItem"):
            item = node["_args"][0]
            return [(item["label"], item["url"])]
        for value in node.values():
            found += _links(value)
    elif isinstance(node, list):
        for value in node:
            found += _links(value)
    return found


def menu_links(props: str) -> list[tuple[str, str]]:
    """The links of the sidebar's data (the text of its `wagtail-sidebar-props` script)."""
    return _links(_values(json.loads(props), {}))


def admin_menu(client: Client) -> list[tuple[str, str]]:
    """Every link of the admin's menu (the account and help menus included) shown to the
    person `client` is signed in as."""
    page = client.get("/admin/")
    assert page.status_code == 200, page.status_code
    props = SIDEBAR.search(page.content.decode())
    assert props, "the admin page carries no sidebar"
    return menu_links(props.group(1))
