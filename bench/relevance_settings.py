"""The intranet's settings plus the Wagtail search baseline app, for bench/search_relevance.py."""

from intranet.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.wagtail_baseline"]  # noqa: F405
