"""The search page's facets as a person reads them: kinds in their language, groups and
authors by name, months as months; each value a link that narrows the search."""

import re
from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _

from intranet.groups.selectors import visible_groups
from intranet.search.labels import kinds_name


def _month(key: str) -> tuple[str, dict[str, str]] | None:
    if not re.fullmatch(r"\d{4}-\d{2}", key) or not 1 <= int(key[5:]) <= 12:
        return None
    first = date(int(key[:4]), int(key[5:]), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (formats.date_format(first, "YEAR_MONTH_FORMAT"),
            {"since": first.isoformat(), "until": following.isoformat()})


def _narrowed(params: QueryDict, changes: dict[str, str]) -> str:
    query = params.copy()
    query.pop("cursor", None)
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def names(user: AbstractBaseUser, usernames: Iterable[str],
          slugs: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """People's display names by username, and the names of the groups `user` may see by
    slug (results name only groups their reader may read)."""
    authors = {person.username: person.get_display_name() for person in get_user_model()
               .objects.filter(username__in=set(usernames))}
    groups = dict(visible_groups(user).filter(slug__in=set(slugs)).values_list("slug", "name"))
    return authors, groups


def facet_panels(facets: dict[str, dict[str, int]], params: QueryDict,
                 authors: dict[str, str], groups: dict[str, str]) -> list[dict]:
    """The panels beside the results, in the order people narrow a search."""
    named = {"type": lambda key: (kinds_name(key), {"type": key}),
             "group": lambda key: (groups.get(key, key), {"group": key}),
             "author": lambda key: (authors.get(key, key), {"author": key}),
             "department": lambda key: (key, {"department": key}),
             "date": _month}
    titles = {"type": _("By type"), "group": _("By group"), "author": _("By author"),
              "department": _("By department"), "date": _("By month")}
    panels = []
    for name, title in titles.items():
        values = []
        for key, count in facets.get(name, {}).items():
            found = named[name](key)
            if found is None:
                continue
            label, narrowing = found
            values.append({"label": label, "count": count,
                           "query": _narrowed(params, narrowing),
                           "chosen": all(params.get(k) == v for k, v in narrowing.items())})
        if values:
            panels.append({"name": name, "title": title, "values": values})
    return panels
