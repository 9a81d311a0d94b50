"""Who may post where, and who moderates a post."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.feeds.extensions import posting_refusal
from intranet.feeds.models import Post
from intranet.groups.models import InterestGroup
from intranet.groups.permissions import MODERATE, POST, group_permissions

COMPANY_WIDE = "intranet_accounts.post_company_wide"
MODERATE_EVERYWHERE = "intranet_accounts.moderate_everywhere"


def can_post_in(user: AbstractBaseUser, group: InterestGroup | None) -> bool:
    if posting_refusal(user, group):
        return False
    if group is None:
        return user.has_perm(COMPANY_WIDE)
    return not group.is_archived and POST in group_permissions(user, group)


def can_moderate(user: AbstractBaseUser, post: Post) -> bool:
    """Group moderators moderate their group's posts; the company-wide roles moderate
    company-wide posts; community managers moderate everywhere."""
    if user.has_perm(MODERATE_EVERYWHERE):
        return True
    if post.group_id is None:
        return user.has_perm(COMPANY_WIDE)
    return MODERATE in group_permissions(user, post.group)
