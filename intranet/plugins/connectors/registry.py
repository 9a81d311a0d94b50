"""Installed connectors, found through the `intranet.connectors` entry-point group and
filtered by the CONNECTORS allow-list, so installing a package enables nothing by itself."""

import logging
from functools import cache
from importlib.metadata import entry_points

from django.conf import settings

from intranet.plugins.connectors.base import Connector

GROUP = "intranet.connectors"
logger = logging.getLogger(__name__)


@cache
def installed() -> dict[str, type[Connector]]:
    """Every connector an installed package declares, by key; broken ones are logged."""
    found: dict[str, type[Connector]] = {}
    for point in entry_points(group=GROUP):
        try:
            connector = point.load()
        except Exception:
            logger.exception("The connector %s (%s) cannot be loaded.", point.name, point.value)
            continue
        if not (isinstance(connector, type) and issubclass(connector, Connector)):
            logger.error("The entry point %s (%s) is not a Connector class.",
                         point.name, point.value)
            continue
        found[point.name] = connector
    return found


def enabled() -> dict[str, type[Connector]]:
    """Installed connectors the CONNECTORS setting allows, by key."""
    allowed = settings.CONNECTORS
    return {key: connector for key, connector in sorted(installed().items())
            if "*" in allowed or key in allowed}


def choices() -> list[tuple[str, str]]:
    return [(key, str(connector.name)) for key, connector in enabled().items()]
