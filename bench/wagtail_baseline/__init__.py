"""Wagtail's built-in database search over the intranet's documents: the baseline
that bench/search_relevance.py compares the intranet's search against."""
