from django.urls import path

from intranet.plugins import api

urlpatterns = [
    path("brand/highlights/", api.HighlightsView.as_view(), name="api-brand-highlights"),
    path("brand/sources/", api.SourceListView.as_view(), name="api-brand-sources"),
    path("brand/sources/<int:pk>/", api.SourceView.as_view(), name="api-brand-source"),
    path("brand/sources/<int:pk>/poll/", api.SourcePollView.as_view(),
         name="api-brand-source-poll"),
    path("brand/items/", api.ItemListView.as_view(), name="api-brand-items"),
    path("brand/items/<int:pk>/", api.ItemView.as_view(), name="api-brand-item"),
    *(path(f"brand/items/<int:pk>/{decision}/",
           api.ItemDecisionView.as_view(decision=decision), name=f"api-brand-item-{decision}")
      for decision in ("approve", "feature", "reject")),
    path("brand/items/<int:pk>/share/", api.ItemShareView.as_view(),
         name="api-brand-item-share"),
]
