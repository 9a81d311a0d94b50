"""The SCIM service's addresses, served under /scim/v2/ (the people app registers them).
django-scim2's adapters link to them by these names, in the `scim` namespace."""

from django.urls import re_path

from intranet.people.scim import views

app_name = "scim"

urlpatterns = [
    re_path(r"^Users/\.search$", views.UserSearch.as_view(), name="users-search"),
    re_path(r"^Users(?:/(?P<uuid>[^/]+))?$", views.Users.as_view(), name="users"),
    re_path(r"^Groups/\.search$", views.GroupSearch.as_view(), name="groups-search"),
    re_path(r"^Groups(?:/(?P<uuid>[^/]+))?$", views.Groups.as_view(), name="groups"),
    re_path(r"^ServiceProviderConfig$", views.ServiceProviderConfigView.as_view(),
            name="service-provider-config"),
    re_path(r"^ResourceTypes(?:/(?P<uuid>[^/]+))?$", views.ResourceTypes.as_view(),
            name="resource-types"),
    re_path(r"^Schemas(?:/(?P<uuid>[^/]+))?$", views.Schemas.as_view(), name="schemas"),
    re_path(r"^", views.Missing.as_view()),  # anything else: SCIM's 404, never a page
]
