"""Permission-aware search across people, posts, groups, pages and brand items."""
