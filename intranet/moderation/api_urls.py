from django.urls import path

from intranet.moderation import api

urlpatterns = [
    path("reports/", api.ReportsView.as_view(), name="api-reports"),
    path("moderation/reasons/", api.ReasonsView.as_view(), name="api-moderation-reasons"),
    path("moderation/queue/", api.QueueView.as_view(), name="api-moderation-queue"),
    path("moderation/items/<int:case_id>/", api.CaseView.as_view(),
         name="api-moderation-item"),
    path("moderation/items/<int:case_id>/appeal/", api.AppealView.as_view(),
         name="api-moderation-appeal"),
    path("moderation/items/<int:case_id>/<str:action>/", api.CaseActionView.as_view(),
         name="api-moderation-action"),
    path("moderation/mutes/", api.MutesView.as_view(), name="api-moderation-mutes"),
    path("moderation/unanswered/", api.UnansweredView.as_view(),
         name="api-moderation-unanswered"),
    path("moderation/unanswered/<int:post_id>/answer/", api.AnswerView.as_view(),
         name="api-moderation-answer"),
    path("moderation/rules/", api.RulesView.as_view(), name="api-moderation-rules"),
    path("moderation/rules/try/", api.RuleTryView.as_view(), name="api-moderation-rule-try"),
    path("moderation/rules/<int:rule_id>/", api.RuleView.as_view(),
         name="api-moderation-rule"),
]
