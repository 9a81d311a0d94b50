from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.groups.models import InterestGroup, Role


class GroupForm(forms.ModelForm):
    cover = forms.ImageField(label=_("Cover image"), required=False)
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    class Meta:
        model = InterestGroup
        fields = ["name", "description", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}),
                   "visibility": forms.RadioSelect}

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {field: data[field] for field in self.Meta.fields}
        if data.get("remove_cover"):
            changes["cover"] = ""
        elif data.get("cover"):
            changes["cover"] = data["cover"]
        return changes


class JoinForm(forms.Form):
    message = forms.CharField(label=_("A word for the group's managers (optional)"),
                              required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
