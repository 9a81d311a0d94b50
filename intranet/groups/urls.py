from django.urls import path

from intranet.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/settings/", views.settings_page, name="settings"),
    path("<slug:slug>/archive/", views.archive, name="archive"),
    path("<slug:slug>/delete/", views.delete, name="delete"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<str:username>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<str:username>/remove/", views.member_remove,
         name="member_remove"),
    path("<slug:slug>/requests/", views.requests_page, name="requests"),
    path("<slug:slug>/requests/<int:request_id>/", views.decide, name="decide"),
]
