"""What a browser submits for a form as the page rendered it, when the person changes
nothing: HTML's value sanitization applied to each control, so that a value the browser
would throw away (a date it cannot read, say) is thrown away here too."""

import re
from datetime import date, datetime

from bs4 import BeautifulSoup

NOT_SUBMITTED = {"submit", "button", "image", "reset", "file"}


def _valid_date(value: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(
            date.fromisoformat(value))
    except ValueError:
        return False


def _valid_datetime_local(value: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?", value)
                    ) and bool(datetime.fromisoformat(value))
    except ValueError:
        return False


def sanitized(kind: str, value: str) -> str:
    """The value a browser keeps for an input of this type (the HTML standard's
    "value sanitization algorithm", for the types our pages use)."""
    if kind == "date":
        return value if _valid_date(value) else ""
    if kind == "datetime-local":
        return value if _valid_datetime_local(value) else ""
    if kind == "number":
        return value if re.fullmatch(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?", value) else ""
    if kind in ("email", "url"):
        return value.replace("\r", "").replace("\n", "").strip()
    if kind in ("text", "search", "tel", "password"):
        return value.replace("\r", "").replace("\n", "")
    return value


def form_data(html: str, selector: str = "main form[method=post i]") -> dict[str, list[str]]:
    """The fields of the first form matching `selector`, as a browser would post them."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, f"no form matches {selector!r}"
    data: dict[str, list[str]] = {}
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "input":
            kind = (control.get("type") or "text").lower()
            if kind in NOT_SUBMITTED:
                continue
            if kind in ("checkbox", "radio"):
                if control.has_attr("checked"):
                    data.setdefault(name, []).append(control.get("value", "on"))
                continue
            data.setdefault(name, []).append(sanitized(kind, control.get("value", "")))
        elif control.name == "select":
            options = control.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not control.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                value = option.get("value")
                data.setdefault(name, []).append(option.get_text() if value is None else value)
        else:
            data.setdefault(name, []).append(control.get_text().removeprefix("\n"))
    return data
