"""The read policy of Wagtail pages: live, allowed by Wagtail's view restrictions (on the
page or an ancestor), and by the page type's own policy when it has one (an
announcement's audience, registered by its app).

`readable_pages(user)` and `can_read_page(user, page)` decide for the paths that ask
about a person (media attached to a page, choosers); `page_read_keys(page)` gives the
same decision as audience keys for the paths that work from keys (search). Wagtail's own
page serving applies the view restrictions itself. A page behind a password is never
found by search nor opens its media: a password is given to one browser session, and
these paths have none.
"""

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

Readable = Callable[[AbstractBaseUser], QuerySet]
_type_policies: dict[type[Page], Readable] = {}


def register_page_policy(page_type: type[Page], readable: Readable) -> None:
    """Pages of `page_type` are readable only when in `readable(user)` (a queryset of
    that type), on top of Wagtail's view restrictions."""
    _type_policies[page_type] = readable


def _passes(user: AbstractBaseUser, restriction: PageViewRestriction,
            group_ids: set[int]) -> bool:
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return True
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return bool(group_ids & {group.pk for group in restriction.groups.all()})
    return False  # a password is for one browser session, not for these paths


def readable_pages(user: AbstractBaseUser) -> QuerySet[Page]:
    """The live pages `user` may read."""
    if not (user.is_authenticated and user.is_active):
        return Page.objects.none()
    pages = Page.objects.live().filter(depth__gt=1)
    group_ids = set(user.groups.values_list("pk", flat=True))
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
            "groups"):
        if not _passes(user, restriction, group_ids):
            pages = pages.exclude(path__startswith=restriction.page.path)
    for page_type, readable in _type_policies.items():
        content_type = ContentType.objects.get_for_model(page_type)
        pages = pages.exclude(Q(content_type=content_type)
                              & ~Q(pk__in=readable(user).values("pk")))
    return pages


def can_read_page(user: AbstractBaseUser, page: Page) -> bool:
    return readable_pages(user).filter(pk=page.pk).exists()


def page_read_keys(page: Page) -> list[str]:
    """Who may read a live page, as audience keys (empty: nobody, through search)."""
    specific = page.specific
    # A page type with its own policy says it as keys too (`search_audience`).
    keys = list(specific.search_audience()) if hasattr(specific, "search_audience") \
        else ["company"]
    for restriction in PageViewRestriction.objects.filter(
            page__in=page.get_ancestors(inclusive=True)).prefetch_related("groups"):
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return []
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = [f"authgroup:{group.pk}" for group in restriction.groups.all()]
            # Keys are alternatives; both a type's audience and a group restriction
            # would need both at once: such a page stays out of search.
            if keys != ["company"]:
                return []
            keys = allowed
    return keys if page.live else []
