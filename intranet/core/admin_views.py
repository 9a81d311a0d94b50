"""Wagtail admin views whose saves go through a service, like every other write."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.admin.views import generic
from wagtail.permission_policies.base import BasePermissionPolicy

from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error


class ServiceFormMixin:
    """For admin form views that save in `save_instance` by calling a service: a refusal
    of the service shows on the form instead of failing the request."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            add_domain_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceEditView(ServiceFormMixin, generic.EditView):
    """An edit view whose `save_instance` calls a service."""


class RolePermissionPolicy(BasePermissionPolicy):
    """The listed actions on a model for whoever holds one company-role permission
    ("intranet_accounts.curate_brand"), instead of Django's per-model permissions."""

    def __init__(self, model, permission: str,
                 actions: frozenset[str] = frozenset({"add", "change", "delete", "view"})):
        super().__init__(model)
        self.permission, self.actions = permission, actions

    def user_has_permission(self, user, action: str) -> bool:
        return action in self.actions and user.is_active and user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        app_label, codename = self.permission.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label,
                                               codename=codename)
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission), is_active=True).distinct()

    def users_with_permission(self, action: str):
        return self.users_with_any_permission([action])
