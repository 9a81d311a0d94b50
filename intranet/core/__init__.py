"""Infrastructure with no domain knowledge: audience keys, audit, safe HTTP, media, tasks."""
