from django.urls import path

from intranet.plugins import views

app_name = "brand"

urlpatterns = [
    path("", views.highlights, name="highlights"),
]
