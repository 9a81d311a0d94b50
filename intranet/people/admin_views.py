"""People in the Wagtail admin: HR manages profiles, departments and locations there.

Profile edits go through `profile_update`, like every other write, so the audit trail
and the rules (no reporting loops, valid languages) hold in the admin too.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from intranet.core.admin_views import ServiceEditView
from intranet.people.models import Department, Location, Profile
from intranet.people.services import profile_update

# What HR keeps (the HR import writes them too), and so sees whatever their privacy. The
# fields a person keeps for themselves (phone, bio, pronouns, skills, languages, photo)
# follow their owner's privacy in the admin as everywhere: HR does not see them here.
ADMIN_PROFILE_FIELDS = ["employee_id", "job_title", "department", "team", "manager",
                        "location", "start_date", "is_official"]


class ProfileIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "department", "location")


class ProfileEditView(ServiceEditView):
    def save_instance(self):
        fresh = Profile.objects.select_related("user").get(pk=self.object.pk)
        changes = {field: self.form.cleaned_data[field] for field in ADMIN_PROFILE_FIELDS}
        return profile_update(actor=self.request.user, profile=fresh, changes=changes)



class ProfileViewSet(ModelViewSet):
    model = Profile
    name = "profiles"
    url_prefix = "people/profiles"
    icon = "user"
    menu_label = _("Profiles")
    add_to_admin_menu = False
    form_fields = ADMIN_PROFILE_FIELDS
    index_view_class = ProfileIndexView
    edit_view_class = ProfileEditView
    list_display = ["__str__", "job_title", "department", "location",
                    Column("employee_id", label=_("Employee id")),
                    BooleanColumn("is_former_employee", label=_("Former employee"))]
    list_filter = ["department", "location", "is_official"]
    search_fields = ["name_folded", "employee_id", "job_title"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["user", *ADMIN_PROFILE_FIELDS, "left_at"]


class DepartmentViewSet(ModelViewSet):
    model = Department
    name = "departments"
    url_prefix = "people/departments"
    icon = "group"
    form_fields = ["name"]
    search_fields = ["name"]
    copy_view_enabled = False


class LocationViewSet(ModelViewSet):
    model = Location
    name = "locations"
    url_prefix = "people/locations"
    icon = "site"
    form_fields = ["name"]
    search_fields = ["name"]
    copy_view_enabled = False


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("People")
    menu_icon = "user"
    items = (ProfileViewSet, DepartmentViewSet, LocationViewSet)
