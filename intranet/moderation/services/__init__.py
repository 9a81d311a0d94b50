"""Writes of moderation: reports (`reports`), decisions on cases and appeals
(`decisions`), mutes and suspensions (`restrictions`)."""
