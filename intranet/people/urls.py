from django.urls import path

from intranet.people import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.edit_profile, name="edit"),
    path("me/settings/", views.settings_page, name="settings"),
    path("me/language/", views.language_set, name="language"),
    path("<str:username>/", views.profile, name="profile"),
    path("<str:username>/org/", views.org_chart, name="org_chart"),
]
