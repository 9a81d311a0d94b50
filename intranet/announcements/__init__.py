"""HR announcements: targeted, scheduled, pinned and acknowledged Wagtail pages."""
