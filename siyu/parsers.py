"""The API's only body parser: JSON, where nesting too deep to parse is a 400 like any other bad JSON."""
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

ERR_TOO_DEEP = _("JSON parse error - the body is nested too deeply.")


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(ERR_TOO_DEEP) from None
