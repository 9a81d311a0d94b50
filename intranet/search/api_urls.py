from django.urls import path

from intranet.search import api

urlpatterns = [
    path("search/", api.SearchView.as_view(), name="api-search"),
    path("search/suggest/", api.SuggestView.as_view(), name="api-search-suggest"),
    path("search/experts/", api.ExpertsView.as_view(), name="api-search-experts"),
]
