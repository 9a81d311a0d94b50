"""Writes of the brand connectors: sources, polling and ingest, curation."""
