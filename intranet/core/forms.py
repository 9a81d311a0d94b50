"""Showing a service's refusal on the form that asked for the change."""

from django import forms

from intranet.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Put each field error next to its field, and the rest at the top of the form."""
    for field, messages in error.fields.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    if not error.fields:
        form.add_error(None, error.message)
