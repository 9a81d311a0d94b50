from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class PostForm(forms.Form):
    body = forms.CharField(label=_("What would you like to share?"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    group = forms.CharField(required=False)
    images = MultipleImageField(label=_("Images"), required=False)
    publish_at = forms.DateTimeField(label=_("Publish later"), required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    is_question = forms.BooleanField(label=_("This is a question"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
