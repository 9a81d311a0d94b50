"""Search in the Wagtail admin, for whoever may tune search (Communications and Community
managers): the company's synonyms, the results pinned or hidden for a query (pinned and
hidden from the results page), and the queries that found nothing."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from intranet.core.admin_views import RolePermissionPolicy
from intranet.search.models import SearchPromotion, SynonymSet, UnansweredQuery
from intranet.search.services import TUNE_SEARCH, promotion_remove


class SynonymViewSet(ModelViewSet):
    model = SynonymSet
    name = "synonyms"
    url_prefix = "search/synonyms"
    icon = "search"
    menu_label = _("Synonyms")
    form_fields = ["terms"]
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]
    copy_view_enabled = False


class PromotionDeleteView(generic.DeleteView):
    def delete_action(self):
        promotion_remove(actor=self.request.user, promotion=self.object)


class PromotionViewSet(ModelViewSet):
    model = SearchPromotion
    name = "search_promotions"
    url_prefix = "search/promotions"
    icon = "pick"
    menu_label = _("Pinned and hidden results")
    list_display = ["query", "action", "kind", "object_id", "created_by", "created_at"]
    list_filter = ["action"]
    search_fields = ["query"]
    copy_view_enabled = False
    form_fields = ["action"]
    delete_view_class = PromotionDeleteView


class UnansweredViewSet(ModelViewSet):
    model = UnansweredQuery
    name = "unanswered_queries"
    url_prefix = "search/unanswered"
    icon = "help"
    menu_label = _("Queries that found nothing")
    list_display = ["query", "times", "last_asked_at"]
    search_fields = ["query"]
    copy_view_enabled = False
    form_fields = ["query"]


def register_permission_policies() -> None:
    """Search screens follow the tune-search permission, not Django's per-model ones."""
    register_permission_policy(SynonymSet, RolePermissionPolicy(SynonymSet, TUNE_SEARCH))
    for model in (SearchPromotion, UnansweredQuery):
        register_permission_policy(model, RolePermissionPolicy(
            model, TUNE_SEARCH, frozenset({"view", "delete"})))


class SearchViewSetGroup(ModelViewSetGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 900
    items = (SynonymViewSet, PromotionViewSet, UnansweredViewSet)
