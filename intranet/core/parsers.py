"""The API's JSON parser (DEFAULT_PARSER_CLASSES). Kept apart from intranet.core.api,
which imports DRF's views, which read this setting when they are defined."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from intranet.core.text import storable, texts_in


class JSONParser(parsers.JSONParser):
    """JSON bodies. One nested too deep to read, or holding text no database stores (a
    NUL character, half of a surrogate pair), is a parse error (400) before any view
    sees it."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON body is nested too deeply.")) from None
        if not all(storable(text) for text in texts_in(data)):
            raise exceptions.ParseError(_("The JSON body holds a NUL character or half of "
                                          "a surrogate pair, which no text may hold."))
        return data
