"""Pages about people: the directory, profiles, the org chart, editing and settings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import APIToken

from intranet.accounts.forms import TokenForm
from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error
from intranet.groups.selectors import groups_of_person
from intranet.people import personal_data_views, selectors, services
from intranet.people.forms import LanguageForm, ProfileForm
from intranet.people.models import PRIVACY_DEFAULTS, Department, Location, Profile

PAGE_SIZE = 24


def _profile_or_404(username: str) -> Profile:
    profile = selectors.profile_queryset().filter(user__username=username).first()
    if profile is None:
        raise Http404
    return profile


def directory(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "").strip()
               for key in ("q", "department", "location", "skill")}
    people = selectors.directory(viewer=request.user, **filters)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/directory.html", {
        "page": page,
        "people": selectors.person_views(request.user, list(page.object_list)),
        "filters": filters,
        "departments": Department.objects.all(),
        "locations": Location.objects.all(),
        "query_string": "&".join(f"{k}={v}" for k, v in filters.items() if v),
    })


def profile(request: HttpRequest, username: str) -> HttpResponse:
    found = _profile_or_404(username)
    chain, reports = selectors.org_chart(found)
    return render(request, "people/profile.html", {
        "person": selectors.person_view(request.user, found),
        "is_me": found.user_id == request.user.pk,
        "manager": selectors.person_view(request.user, chain[0]) if chain else None,
        "reports": selectors.person_views(request.user, reports),
        "groups": groups_of_person(request.user, found.user),
        "panels": [panel for fn in hooks.get_hooks("profile_panels")
                   if (panel := fn(request, found)) is not None],
    })


def org_chart(request: HttpRequest, username: str) -> HttpResponse:
    found = _profile_or_404(username)
    chain, reports = selectors.org_chart(found)
    return render(request, "people/org_chart.html", {
        "person": selectors.person_view(request.user, found),
        "chain": list(reversed(selectors.person_views(request.user, chain))),
        "reports": selectors.person_views(request.user, reports),
    })


def edit_profile(request: HttpRequest) -> HttpResponse:
    mine = services.profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, profile=mine, changes=form.changes())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("people:profile", username=request.user.username)
    rows = [(form[name], form[f"privacy_{name}"] if name in PRIVACY_DEFAULTS else None)
            for name in ["display_name", "photo", "remove_photo", "pronouns", "job_title",
                         "department", "team", "manager", "location", "phone", "bio",
                         "skills", "languages", "start_date"]]
    return render(request, "people/edit.html", {"form": form, "rows": rows})


def settings_page(request: HttpRequest) -> HttpResponse:
    """The person's settings: language, password, their data, and their API tokens."""
    mine = services.profile_ensure(user=request.user)
    return render(request, "people/settings.html", {
        "tokens": APIToken.objects.filter(user=request.user).order_by("-created"),
        "token_form": TokenForm(),
        "language_form": LanguageForm(initial={
            "language": mine.preferred_language or translation.get_language()}),
        "new_token": request.session.pop("new_token", None),
        "panels": [panel for fn in hooks.get_hooks("settings_panels")
                   if (panel := fn(request)) is not None],
        **personal_data_views.settings_context(request),
    })


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Store the person's language and switch to it at once."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if not form.is_valid():
        messages.error(request, _("Choose a language from the list."))
        return redirect(next_url)
    language = form.cleaned_data["language"]
    try:
        services.set_preferred_language(user=request.user, language=language)
    except DomainError as error:
        messages.error(request, error.message)
    translation.activate(language)
    response = redirect(next_url)
    response.set_cookie("django_language", language, samesite="Lax")
    return response
