"""HR writes announcements in the Wagtail admin: its role may add, edit, publish and
translate pages under the home page of every language (Wagtail's own page permissions),
kept after every migrate."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from intranet.accounts.roles import HR

PUBLISH = "intranet_accounts.publish_announcements"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
TRANSLATE = ("simple_translation", "submit_translation")


def grant_hr_page_permissions(**kwargs) -> None:
    group = Group.objects.filter(name=HR).first()
    if group is None:
        return
    for home in Page.objects.filter(depth=2):
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.filter(content_type__app_label="wagtailcore",
                                                   codename=codename).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                          permission=permission)
    translate = Permission.objects.filter(content_type__app_label=TRANSLATE[0],
                                          codename=TRANSLATE[1]).first()
    if translate is not None:
        group.permissions.add(translate)
