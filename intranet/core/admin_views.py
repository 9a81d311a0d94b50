"""Wagtail admin views whose saves go through a service, like every other write."""

from wagtail.admin.views import generic

from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error


class ServiceEditView(generic.EditView):
    """Subclasses save in `save_instance` by calling a service; a refusal of the service
    shows on the form instead of failing the request."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            add_domain_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
