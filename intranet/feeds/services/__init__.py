"""Every write of the feeds: posts, comments, reactions, follows, blocks, notifications."""
