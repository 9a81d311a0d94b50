"""The period and group a dashboard shows, as its address says (`?since=&until=&group=`)."""

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from intranet.analytics.dashboard import Filters
from intranet.analytics.ranges import period
from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error
from intranet.core.policy import read_policy


class FiltersForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    group = forms.ModelChoiceField(label=_("Group"), required=False, queryset=None,
                                   to_field_name="slug", empty_label=_("Whole company"))

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Only groups the person may know exist are offered, or accepted.
        self.fields["group"].queryset = (read_policy("group").readable(user)
                                         .order_by("name"))

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                cleaned["since"], cleaned["until"] = period(cleaned.get("since"),
                                                            cleaned.get("until"))
            except DomainError as error:
                add_domain_error(self, error)
        return cleaned

    def filters(self) -> Filters:
        """What to show: the valid choices, or the default period for the whole company."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        since, until = (data["since"], data["until"]) if data else period(None, None)
        return Filters(user=self.user, since=since, until=until, group=data.get("group"))
