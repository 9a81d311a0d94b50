"""The live feed's metrics: sockets open in this process and frames sent on them."""

from prometheus_client import Counter, Gauge

WEBSOCKETS_OPEN = Gauge("intranet_websockets_open", "Websockets of the live feed open now.")
EVENTS_DELIVERED = Counter("intranet_events_delivered",
                           "Event frames sent to websockets, live or replayed on resume.")
