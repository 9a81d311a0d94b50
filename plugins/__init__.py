"""Connectors that mirror the company's public brand channels, curation and highlights."""
