"""The host site's pages the apps build on, whatever the site's own page types are."""

from wagtail.models import Locale, Page, Site


def site_home(locale: Locale | None = None) -> Page:
    """The default site's root page, in that locale when it has a translation there."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    if locale is None or home.locale_id == locale.pk:
        return home
    return home.get_translation_or_none(locale) or home
