"""Every account gets a profile, however it was created (admin, createsuperuser, SSO)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="people.ensure_profile")
def ensure_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from intranet.people.services import profile_ensure, profile_sync_name

    if created:
        profile_ensure(user=instance)
    else:
        profile_sync_name(user=instance)
