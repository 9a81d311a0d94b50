from django.urls import path

from intranet.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="results"),
    path("experts/", views.experts_page, name="experts"),
    path("promote/", views.promote, name="promote"),
]
