from django.urls import path

from intranet.people import personal_data_views, views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.edit_profile, name="edit"),
    path("me/settings/", views.settings_page, name="settings"),
    path("me/language/", views.language_set, name="language"),
    path("me/exports/", personal_data_views.export_start, name="export_start"),
    path("me/erasure/", personal_data_views.erasure_request, name="erasure_request"),
    path("<str:username>/", views.profile, name="profile"),
    path("<str:username>/org/", views.org_chart, name="org_chart"),
    path("<str:username>/erase/", personal_data_views.erase, name="erase"),
]
