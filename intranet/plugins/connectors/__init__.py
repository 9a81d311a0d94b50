"""Connectors: each turns one kind of public channel into items (see docs/plugins.md)."""
