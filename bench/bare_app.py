"""The floor of the delivery benchmark: a bare Channels app that only relays what is
sent to the `company` group, on the same ASGI server and channel layer as the intranet."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import URLRouter  # noqa: E402
from django.urls import path  # noqa: E402


class RelayConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.channel_layer.group_add("company", self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard("company", self.channel_name)

    async def relay(self, message: dict) -> None:
        await self.send(text_data=message["text"])


application = URLRouter([path("ws/", RelayConsumer.as_asgi())])
