"""A group's charts for its owners, on the group's settings page."""

from django.urls import path

from intranet.analytics import views

app_name = "analytics"
urlpatterns = [
    path("groups/<slug:slug>/charts/<slug:name>.svg", views.group_chart_svg, name="svg"),
    path("groups/<slug:slug>/charts/<slug:name>.csv", views.group_chart_csv, name="csv"),
]
