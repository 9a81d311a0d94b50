"""Brand sources, curation rules and the curation queue in the Wagtail admin, for the
Communications role. Every save goes through the plugins' services."""

import copy

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from intranet.core.admin_views import ServiceEditView
from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error
from intranet.groups.selectors import readable_groups
from intranet.plugins.connectors.registry import enabled
from intranet.plugins.health import health
from intranet.plugins.models import CurationRule, Source
from intranet.plugins.selectors import sources_for
from intranet.plugins.services.rules import rule_delete, rule_save
from intranet.plugins.services.sources import (
    settings_of,
    source_create,
    source_delete,
    source_update,
)

User = get_user_model()
COMMON = ["name", "team", "account", "group", "interval_minutes", "enabled"]
PREFIX = "setting_"


class SourceForm(forms.ModelForm):
    """The common fields, then the connector's own settings; secrets are never shown."""

    connector = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Source
        fields = COMMON

    def __init__(self, *args, connector_key: str, for_user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.connector_class = enabled()[connector_key]
        self.fields["group"].queryset = readable_groups(for_user).order_by("name")
        self.fields["connector"].initial = connector_key
        self.fields["account"].queryset = User.objects.filter(profile__is_official=True,
                                                              is_active=True)
        current = settings_of(self.instance) if self.instance.pk else {}
        for name, field in self.connector_class.settings_form.base_fields.items():
            field = copy.deepcopy(field)
            if name in self.connector_class.secret_fields:
                field.widget = forms.PasswordInput(render_value=False)
                field.required = False
                if current.get(name):
                    field.help_text = _("Set. Leave empty to keep it.")
            elif name in current:
                field.initial = current[name]
            self.fields[PREFIX + name] = field

    def settings_data(self) -> dict:
        return {name.removeprefix(PREFIX): value for name, value in self.cleaned_data.items()
                if name.startswith(PREFIX) and value not in (None, "")}

    def clean(self) -> dict:
        cleaned = super().clean()
        settings = self.connector_class.settings_form(data={
            name.removeprefix(PREFIX): value for name, value in cleaned.items()
            if name.startswith(PREFIX)})
        if not settings.is_valid():
            for name, errors in settings.errors.items():
                for error in errors:
                    field = PREFIX + name
                    if field in self.connector_class.secret_fields:
                        continue
                    self.add_error(field if field in self.fields else None, error)
        return cleaned


class ConnectorFormMixin:
    def connector_key(self) -> str:
        if getattr(self, "object", None) is not None and self.object.pk:
            return self.object.connector
        return self.request.POST.get("connector") or self.request.GET.get("connector", "")

    def get_form_class(self):
        return SourceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "connector_key": self.connector_key(),
                "for_user": self.request.user}

    def service_error(self, form, error: DomainError):
        fields = {PREFIX + name.removeprefix("settings.") if name.startswith("settings.")
                  else name: messages for name, messages in error.fields.items()}
        add_domain_error(form, DomainError(error.message, fields=fields))
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


class SourceIndexView(generic.IndexView):
    def get_base_queryset(self):
        return sources_for(self.request.user)


class VisibleSourceMixin:
    """A source publishing in a group the person may not know exists is absent for them."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        return get_object_or_404(sources_for(self.request.user),
                                 pk=unquote(str(self.kwargs["pk"])))


def connector_name(source: Source) -> str:
    found = enabled().get(source.connector)
    return str(found.name) if found else source.connector


class ConnectorColumn(Column):
    def get_value(self, instance):
        return connector_name(instance)


class HealthColumn(Column):
    """The source's health in a sentence, instead of raw flags and error text."""

    def get_value(self, instance):
        return health(instance, instance.last_item_at).sentence


class SourceInspectView(VisibleSourceMixin, generic.InspectView):
    """The source's health in words first; the raw last error stays below, for staff
    who need to look further."""

    def get_field_label(self, field_name, field):
        if field_name == "health":
            return _("Health")
        return super().get_field_label(field_name, field)

    def get_health_display_value(self):
        return health(self.object, self.object.last_item_at).sentence

    def get_enabled_display_value(self):
        return _("Yes") if self.object.enabled else _("No")

    def get_connector_display_value(self):
        return connector_name(self.object)


class SourceCreateView(ConnectorFormMixin, generic.CreateView):
    def get(self, request, *args, **kwargs):
        if self.connector_key() not in enabled():
            return render(request, "plugins/admin/choose_connector.html", {
                "connectors": enabled(), "add_url": self.get_add_url(),
                "header_title": _("Add a brand source")})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.connector_key() not in enabled():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            return self.service_error(form, error)

    def save_instance(self):
        data = self.form.cleaned_data
        return source_create(actor=self.request.user, connector=self.connector_key(),
                             settings=self.form.settings_data(),
                             **{name: data[name] for name in COMMON})


class SourceEditView(VisibleSourceMixin, ConnectorFormMixin, ServiceEditView):
    def form_valid(self, form):
        try:
            return super(ServiceEditView, self).form_valid(form)
        except DomainError as error:
            return self.service_error(form, error)

    def save_instance(self):
        fresh = Source.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        return source_update(actor=self.request.user, source=fresh, changes={
            "settings": self.form.settings_data(), **{name: data[name] for name in COMMON}})


class SourceDeleteView(VisibleSourceMixin, generic.DeleteView):
    def delete_action(self):
        source_delete(actor=self.request.user, source=self.object)


class SourceViewSet(ModelViewSet):
    model = Source
    name = "brand-sources"
    url_prefix = "brand/sources"
    icon = "globe"
    menu_label = _("Sources")
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = COMMON
    index_view_class = SourceIndexView
    inspect_view_class = SourceInspectView
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView
    delete_view_class = SourceDeleteView
    list_display = ["name", ConnectorColumn("connector", label=_("Connector")), "team",
                    HealthColumn("health", label=_("Health")),
                    Column("items_seen", label=_("Items seen")),
                    Column("next_poll_at", label=_("Next poll"))]
    list_filter = ["connector", "enabled"]
    search_fields = ["name", "team"]
    inspect_view_fields = ["name", "health", "connector", "team", "account", "group",
                           "interval_minutes", "enabled", "last_polled_at", "last_success_at",
                           "last_error", "last_error_at", "failures", "items_seen",
                           "next_poll_at"]



class RuleForm(forms.ModelForm):
    class Meta:
        model = CurationRule
        fields = ["label", "source", "position", "action", "words", "authors", "media",
                  "replies", "reposts", "daily_cap", "near_duplicate", "enabled"]


class RuleCreateView(generic.CreateView):
    def save_instance(self):
        return rule_save(actor=self.request.user, rule=self.form.save(commit=False))


class RuleEditView(ServiceEditView):
    def save_instance(self):
        return rule_save(actor=self.request.user, rule=self.form.save(commit=False))


class RuleDeleteView(generic.DeleteView):
    def delete_action(self):
        rule_delete(actor=self.request.user, rule=self.object)


class RuleViewSet(ModelViewSet):
    model = CurationRule
    name = "brand-rules"
    url_prefix = "brand/rules"
    icon = "tasks"
    menu_label = _("Curation rules")
    copy_view_enabled = False
    form_fields = RuleForm.Meta.fields
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    delete_view_class = RuleDeleteView
    list_display = ["label", "source", "action", "position",
                    BooleanColumn("enabled", label=_("Enabled"))]
    list_filter = ["source", "action", "enabled"]

    def get_form_class(self, for_update=False):
        return RuleForm

