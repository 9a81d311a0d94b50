from django.urls import path

from intranet.moderation import api

urlpatterns = [
    path("reports/", api.ReportsView.as_view(), name="api-reports"),
    path("moderation/reasons/", api.ReasonsView.as_view(), name="api-moderation-reasons"),
    path("moderation/queue/", api.QueueView.as_view(), name="api-moderation-queue"),
]
