"""Writes of announcements: writing and publishing them, delivering them to their
audience, a person's receipts, and the conversation under them."""
