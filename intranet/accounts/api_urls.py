from django.urls import path

from intranet.accounts import api

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/ws-ticket/", api.WebsocketTicketView.as_view(), name="api-ws-ticket"),
]
