"""Posts, comments, reactions, mentions, topics, notifications and the live feed."""
