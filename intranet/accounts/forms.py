from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255,
                           help_text=_("What will use it, e.g. “reporting script”."))
