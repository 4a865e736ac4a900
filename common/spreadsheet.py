"""Spreadsheet cells written by the app: one rule for text that would start a formula.

Such text is written with a leading apostrophe, which Excel and LibreOffice read as "this is text";
library imports remove it again, so export → edit in Excel → import is lossless.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Text that would start a formula gets an apostrophe; so does text the import would otherwise strip one from."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or unescape_formula(value) != value):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'")):
        return value[1:]
    return value
