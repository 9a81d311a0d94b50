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


class NotificationSettingsForm(forms.Form):
    """The notification settings on the settings page: the switches and the quiet hours
    (local times, which may wrap midnight). The service checks that both or neither are
    given; the view shows its refusal on the form."""

    SWITCHES = ("email_mentions", "daily_digest", "notify_reactions", "notify_comments")

    email_mentions = forms.BooleanField(required=False)
    daily_digest = forms.BooleanField(required=False)
    notify_reactions = forms.BooleanField(required=False)
    notify_comments = forms.BooleanField(required=False)
    quiet_from = forms.TimeField(required=False,
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    quiet_until = forms.TimeField(required=False,
                                  widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from intranet.feeds.models import NotificationSettings

        for name, field in self.fields.items():
            field.label = NotificationSettings._meta.get_field(name).verbose_name

    def switches(self) -> list:
        return [self[name] for name in self.SWITCHES]
