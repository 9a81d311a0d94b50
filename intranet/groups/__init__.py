"""Interest groups: memberships, join requests, invitations, object permissions."""
