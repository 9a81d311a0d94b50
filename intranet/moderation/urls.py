from django.urls import path

from intranet.moderation import views

app_name = "moderation"

urlpatterns = [
    path("report/<str:kind>/<str:key>/", views.report, name="report"),
]
