"""The curation desk in the Wagtail admin, for the Communications role: pending items
first (other states one click away, with their counts), each as a card with its
thumbnails, source, date, title, text and caption, decided one by one or in bulk
without a confirmation page. It is plain forms (the keyboard script only presses their
buttons); every decision goes through the curation services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from intranet.core.errors import DomainError
from intranet.core.params import row_id
from intranet.plugins.models import CURATE, ItemState
from intranet.plugins.selectors import curation_queue, queue_counts, sources_for
from intranet.plugins.services.curation import item_set_caption, items_decide

PER_PAGE = 25
DONE = {"approve": gettext_lazy("Approved"), "feature": gettext_lazy("Featured"),
        "reject": gettext_lazy("Rejected")}
STATES = [(ItemState.PENDING, ItemState.PENDING.label),
          (ItemState.APPROVED, ItemState.APPROVED.label),
          (ItemState.FEATURED, ItemState.FEATURED.label),
          (ItemState.REJECTED, ItemState.REJECTED.label), ("all", gettext_lazy("All"))]


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(CURATE):
        raise PermissionDenied


def _filters(data) -> dict[str, str]:
    """The desk's filter and position as they came (a state, a source, a page)."""
    state = data.get("state") or ItemState.PENDING
    if state not in {key for key, _label in STATES}:
        state = ItemState.PENDING
    filters = {"state": state}
    if row_id(data.get("source") or "") is not None:
        filters["source"] = data["source"]
    if (data.get("page") or "").isdigit():
        filters["page"] = data["page"]
    return filters


def desk(request: HttpRequest) -> HttpResponse:
    _check(request)
    filters = _filters(request.GET)
    source = row_id(filters.get("source", ""))
    state = None if filters["state"] == "all" else filters["state"]
    items = curation_queue(request.user, state=state, source=source)
    page = Paginator(items, PER_PAGE).get_page(filters.get("page"))
    counts = queue_counts(request.user, source=source)
    tabs = [{"state": key, "label": label, "current": key == filters["state"],
             "count": sum(counts.values()) if key == "all" else counts[key],
             "url": "?" + urlencode({**({"source": source} if source else {}), "state": key})}
            for key, label in STATES]
    return render(request, "plugins/admin/desk.html", {
        "header_title": _("Curation desk"), "page_obj": page, "items": page.object_list,
        "tabs": tabs, "filters": filters, "state": filters["state"],
        "sources": sources_for(request.user),
        "source": source, "decisions": list(DONE.items())})


def _back(filters: dict[str, str], anchor: int | None) -> HttpResponseRedirect:
    """Back to the same filter and page, at the item that now holds the decided one's
    place."""
    url = reverse("brand_desk:index") + "?" + urlencode(filters)
    return HttpResponseRedirect(url + (f"#item-{anchor}" if anchor else ""))


def _following(request: HttpRequest, filters: dict[str, str], decided: list[int]) -> int | None:
    """The first item listed after the decided ones on the same page, where the
    curator's place is once those leave the filter."""
    order = [int(pk) for pk in request.POST.getlist("listed") if pk.isdigit()]
    after = [pk for pk in order[max((order.index(pk) for pk in decided if pk in order),
                                    default=-1) + 1:] if pk not in decided]
    return after[0] if after else None


@require_POST
def act(request: HttpRequest) -> HttpResponse:
    """One form for the whole desk: a row's button (`one=<id>:<decision>`), a bulk
    button (`bulk=<decision>` with the ticked `item`s), or a row's caption
    (`caption_for=<id>` with `caption-<id>`)."""
    _check(request)
    filters = _filters(request.POST)
    queue = curation_queue(request.user)
    try:
        if request.POST.get("caption_for"):
            pk = row_id(request.POST["caption_for"])
            item = queue.filter(pk=pk).first() if pk else None
            if item is None:
                messages.error(request, _("That item is no longer in the queue."))
                return _back(filters, None)
            item = item_set_caption(actor=request.user, item=item,
                                    caption=request.POST.get(f"caption-{item.pk}", ""))
            messages.success(request, _("Caption saved: %(title)s") % {"title": item})
            return _back(filters, item.pk)
        if request.POST.get("one"):
            pk, _sep, decision = request.POST["one"].partition(":")
            found = list(queue.filter(pk=row_id(pk))) if row_id(pk) else []
        else:
            decision = request.POST.get("bulk", "")
            ids = [row_id(pk) for pk in request.POST.getlist("item")]
            found = list(queue.filter(pk__in=[pk for pk in ids if pk]))
        if decision not in DONE:
            messages.error(request, _("Choose Approve, Feature or Reject."))
            return _back(filters, None)
        if not found:
            messages.warning(request, _("Tick the items to decide on first."))
            return _back(filters, None)
        decided = items_decide(actor=request.user, items=found, decision=decision)
    except DomainError as error:
        messages.error(request, error.message)
        return _back(filters, None)
    if len(decided) == 1:
        messages.success(request, _("%(done)s: %(title)s") % {
            "done": DONE[decision], "title": decided[0]})
    else:
        messages.success(request, ngettext(
            "%(done)s %(count)d item: %(titles)s", "%(done)s %(count)d items: %(titles)s",
            len(decided)) % {"done": DONE[decision], "count": len(decided),
                             "titles": ", ".join(str(item) for item in decided)})
    pks = [item.pk for item in decided]
    stays = filters["state"] in ("all", ItemState(decided[0].state).value)
    return _back(filters, pks[0] if stays else _following(request, filters, pks))
