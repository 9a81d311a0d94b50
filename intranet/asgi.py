"""The ASGI entry point: HTTP through Django, the suite's websocket through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from intranet.core.websockets import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app,
                                  "websocket": websocket_application()})
