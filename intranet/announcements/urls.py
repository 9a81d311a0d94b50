from django.urls import path

from intranet.announcements import views

app_name = "announcements"

urlpatterns = [
    path("<int:page_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:page_id>/comments/", views.comment, name="comment"),
    path("<int:page_id>/reactions/", views.react, name="react"),
]
