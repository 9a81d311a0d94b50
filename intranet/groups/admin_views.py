"""Groups in the Wagtail admin: staff see every group and manage its metadata.

Members and content stay out of the admin: staff read a private or secret group's
content only if they are members. Edits go through the group services.
"""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.groups import GroupViewSet as WagtailGroupViewSet
from wagtail.users.views.groups import IndexView as WagtailGroupIndexView

from intranet.core.admin_views import ServiceEditView
from intranet.groups.models import InterestGroup
from intranet.groups.services import group_delete, group_set_archived, group_update


class GroupAdminForm(forms.ModelForm):
    archived = forms.BooleanField(label=_("Archived"), required=False)

    class Meta:
        model = InterestGroup
        fields = ["name", "description", "visibility"]


class GroupIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("memberships"))


class GroupEditView(ServiceEditView):
    def save_instance(self):
        fresh = InterestGroup.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        group = group_update(actor=self.request.user, group=fresh, changes={
            field: data[field] for field in ("name", "description", "visibility")})
        return group_set_archived(actor=self.request.user, group=group,
                                  archived=data["archived"])

    def get_initial(self):
        return {**super().get_initial(), "archived": self.object.is_archived}



class GroupDeleteView(generic.DeleteView):
    def delete_action(self):
        group_delete(actor=self.request.user, group=self.object)


class GroupViewSet(ModelViewSet):
    model = InterestGroup
    name = "interest-groups"
    url_prefix = "interest-groups"
    icon = "group"
    menu_label = _("Interest groups")
    add_to_admin_menu = True
    menu_order = 300
    add_view_enabled = False
    copy_view_enabled = False
    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView
    list_display = ["name", "visibility", Column("member_count", label=_("Members")),
                    "created_at", "archived_at"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug", "description"]

    def get_form_class(self, for_update=False):
        return GroupAdminForm


class RoleGroupsIndexView(WagtailGroupIndexView):
    """Settings > Groups without the per-role auth groups that interest groups manage."""

    def get_base_queryset(self):
        role_groups = [InterestGroup.objects.values(field)
                       for field in ("owners", "moderators", "members")]
        queryset = super().get_base_queryset()
        for ids in role_groups:
            queryset = queryset.exclude(pk__in=ids)
        return queryset


class AuthGroupViewSet(WagtailGroupViewSet):
    index_view_class = RoleGroupsIndexView
