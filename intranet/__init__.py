"""The intranet's Wagtail site: settings, URLs, ASGI entry point, home page and theme."""
