from django.urls import path

from intranet.analytics import api

urlpatterns = [
    path("analytics/seen/", api.SeenView.as_view(), name="api-analytics-seen"),
    path("analytics/overview/", api.OverviewView.as_view(), name="api-analytics-overview"),
]
