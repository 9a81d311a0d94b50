from django.urls import path

from intranet.plugins import views

app_name = "brand"

urlpatterns = [
    path("", views.highlights, name="highlights"),
    path("<int:item_id>/card/", views.highlight_card, name="highlight_card"),
    path("go/<str:token>/", views.go, name="go"),
]
