"""Wagtail's page and document serving follow the read policy, and answer 404 to those
who may not read, as for what does not exist."""

from django.http import Http404
from wagtail import hooks
from wagtail.models import PageViewRestriction

from intranet.core.page_media import can_read_document


@hooks.register("before_serve_document")
def serve_documents_to_their_readers(document, request):
    if not can_read_document(request.user, document):
        raise Http404


@hooks.register("before_serve_page", order=-1)
def hide_pages_restricted_to_other_groups(page, request, serve_args, serve_kwargs):
    """Wagtail sends a signed-in person outside a page's groups to the sign-in form,
    which tells them the page exists, and lets superusers in: they get 404, as the page
    policy says (no one reads past a restriction by rank)."""
    if not request.user.is_authenticated:
        return
    mine = set(request.user.groups.values_list("pk", flat=True))
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.GROUPS \
                and not mine & set(restriction.groups.values_list("pk", flat=True)):
            raise Http404
