from django.urls import path

from intranet.people import api, personal_data_api

urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    path("me/photo/", api.MyPhotoView.as_view(), name="api-me-photo"),
    path("me/export/", personal_data_api.MyExportsView.as_view(), name="api-me-export"),
    path("people/", api.PeopleView.as_view(), name="api-people"),
    path("people/<str:username>/", api.PersonView.as_view(), name="api-person"),
    path("people/<str:username>/erase/", personal_data_api.EraseView.as_view(),
         name="api-person-erase"),
]
