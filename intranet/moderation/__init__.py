"""Community management: people report what breaks the rules, and the reports gather
into cases that group moderators (their groups) and community managers (everything)
review."""
