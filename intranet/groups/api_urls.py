from django.urls import path

from intranet.groups import api

urlpatterns = [
    path("groups/", api.GroupListView.as_view(), name="api-groups"),
    path("groups/<slug:slug>/", api.GroupView.as_view(), name="api-group"),
    path("groups/<slug:slug>/members/", api.MemberListView.as_view(), name="api-group-members"),
    path("groups/<slug:slug>/members/<str:username>/", api.MemberView.as_view(),
         name="api-group-member"),
    path("groups/<slug:slug>/join/", api.JoinView.as_view(), name="api-group-join"),
    path("groups/<slug:slug>/requests/", api.RequestListView.as_view(),
         name="api-group-requests"),
    path("groups/<slug:slug>/requests/<int:request_id>/approve/",
         api.DecideView.as_view(approve=True), name="api-group-request-approve"),
    path("groups/<slug:slug>/requests/<int:request_id>/reject/",
         api.DecideView.as_view(approve=False), name="api-group-request-reject"),
]
