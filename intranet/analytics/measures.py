"""The names of the measures stored in `DailyFigure.measure`."""

ACTIVE = "active"  # people active on the day
ACTIVE_7 = "active_7d"  # distinct people active in the 7 days ending on the day
ACTIVE_30 = "active_30d"  # the same over 30 days
POSTS = "posts"
COMMENTS = "comments"
REACTIONS = "reactions"
ENGAGED = "engaged"  # people who commented or reacted
REACHED = "reached"  # people who had something on their screen
NEW_MEMBERS = "new_members"
MEMBERS = "members"  # a group's size on the day
PEOPLE = "people"  # a department's or location's size on the day
SEEN = "seen"
SHARES = "shares"  # a brand highlight shared outward
CLICKS = "clicks"  # visits that came back through a shared link
ACKNOWLEDGED = "acknowledged"
ACK_MEDIAN = "ack_median_seconds"
# Response times: "<prefix>_answered" (count), "_wait_sum" and "_wait_median" (seconds).
QUESTION = "question"
OFFICIAL = "official"
