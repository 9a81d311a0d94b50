"""HR writes announcements in the Wagtail admin: its role may add, edit and publish
pages under the home page (Wagtail's own page permissions), kept after every migrate."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from intranet.accounts.roles import HR

PUBLISH = "intranet_accounts.publish_announcements"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_hr_page_permissions(**kwargs) -> None:
    group = Group.objects.filter(name=HR).first()
    home = Page.objects.filter(depth=2).order_by("path").first()
    if group is None or home is None:
        return
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label="wagtailcore",
                                               codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                      permission=permission)
