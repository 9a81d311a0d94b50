from django.urls import path

from intranet.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("report/<str:kind>/<str:key>/", views.report, name="report"),
    path("items/<int:case_id>/", views.act, name="act"),
    path("decisions/<int:case_id>/", views.decision, name="decision"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:rule_id>/", views.rules, name="rule"),
    path("rules/<int:rule_id>/switch/", views.rule_switch, name="rule_switch"),
]
