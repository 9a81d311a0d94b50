from django.urls import path

from intranet.people import api

urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    path("me/photo/", api.MyPhotoView.as_view(), name="api-me-photo"),
    path("people/", api.PeopleView.as_view(), name="api-people"),
    path("people/<str:username>/", api.PersonView.as_view(), name="api-person"),
]
