"""Forms of the profile pages; the services validate what they receive once more."""

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from intranet.people.models import PRIVACY_DEFAULTS, Profile, Visibility
from intranet.people.services import HR_OWNED

SPOKEN_LANGUAGES = sorted(((code, info["name_local"]) for code, info in LANG_INFO.items()
                           if "name_local" in info and "-" not in code),
                          key=lambda item: item[1].casefold())


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    skills = forms.CharField(label=_("Skills"), required=False,
                             help_text=_("Separate skills with commas."))
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False,
                                          choices=SPOKEN_LANGUAGES,
                                          widget=forms.SelectMultiple(attrs={"size": 6}))
    photo = forms.ImageField(label=_("Photo"), required=False)
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = Profile
        fields = ["pronouns", "job_title", "department", "team", "manager", "location",
                  "phone", "bio", "languages", "start_date", "contact_policy",
                  "preferred_language"]
        # A date input reads and writes ISO dates only, whatever the reader's language;
        # the browser shows it in their format.
        widgets = {"start_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                   "bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        profile = self.instance
        # Validation copies the form's values onto the instance: remember the order kept.
        self.languages_kept = list(profile.languages)
        self.fields["display_name"].initial = profile.user.display_name
        self.fields["skills"].initial = ", ".join(sorted(profile.skills.names()))
        self.fields["manager"].queryset = (Profile.objects.filter(user__is_active=True)
                                           .exclude(pk=profile.pk).select_related("user"))
        for field in HR_OWNED:
            self.fields[field].disabled = True
            self.fields[field].help_text = _("Kept up to date by HR.")
        for field in PRIVACY_DEFAULTS:
            self.fields[f"privacy_{field}"] = forms.ChoiceField(
                label=_("Who sees this"), choices=Visibility.choices,
                initial=profile.visibility_of(field))

    def privacy_fields(self):
        return [self[f"privacy_{field}"] for field in PRIVACY_DEFAULTS]

    def changes(self) -> dict:
        """The cleaned form as a change set for `profile_update`."""
        data = self.cleaned_data
        changes = {field: data[field] for field in self.Meta.fields if field not in HR_OWNED}
        changes["display_name"] = data["display_name"].strip()
        changes["skills"] = [s for s in data["skills"].split(",") if s.strip()]
        # A list box cannot say in which order languages were listed: keep the order kept.
        kept = [code for code in self.languages_kept if code in data["languages"]]
        changes["languages"] = kept + [code for code in data["languages"] if code not in kept]
        changes["privacy"] = {field: data[f"privacy_{field}"] for field in PRIVACY_DEFAULTS}
        if data.get("remove_photo"):
            changes["photo"] = ""
        elif data.get("photo"):
            changes["photo"] = data["photo"]
        return changes


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
