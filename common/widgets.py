"""Cell readers and writers of the library sheets (django-import-export widgets).

What they write must read back unchanged: yes/no as 是/否 (or Yes/No), empty as an empty cell, dates as dates.
What they refuse names the value, so the admin sees the row, the column and what is wrong.
"""
import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import sanitize_separators
from django.utils.translation import gettext as _
from import_export import widgets

# NUL and the other C0 controls (tab, newline and carriage return excepted) and DEL: invisible in Excel, and a
# NUL breaks restoring a SQLite backup into PostgreSQL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse_control_characters(value):
    found = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
    if found:
        raise ValueError(_("Contains an invisible control character (U+%(code)04X); delete it and retype the text.")
                         % {"code": ord(found.group())})


class TextWidget(widgets.CharWidget):
    """Text as typed, without control characters."""

    def clean(self, value, row=None, **kwargs):
        refuse_control_characters(value)
        return super().clean(value, row, **kwargs)


class StrictBooleanWidget(widgets.BooleanWidget):
    """Written as 是/否 (Yes/No in English) and read back in any common spelling; anything else is an error."""

    TRUE_WORDS = {"1", "true", "yes", "y", "是", "对", "√"}
    FALSE_WORDS = {"0", "false", "no", "n", "否", "不是", "×"}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in {"", "none", "null"}:
            return None
        if word in self.TRUE_WORDS or word in {_("Yes").lower()}:
            return True
        if word in self.FALSE_WORDS or word in {_("No").lower()}:
            return False
        raise ValueError(_("“%(value)s” is not a yes/no value (use 是 or 否, or 1 or 0).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if not isinstance(value, bool):
            return ""
        return _("Yes") if value else _("No")


class StrictIntegerWidget(widgets.IntegerWidget):
    """A whole number; anything else ("abc", "1.5") is an error naming the value, not a crash or a rounding."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(sanitize_separators(value))
            valid = number.is_finite() and number == number.to_integral_value()
        except (InvalidOperation, TypeError, ValueError):
            valid = False
        if not valid:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return super().clean(value, row, **kwargs)


class StrictDecimalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row, **kwargs)
        except (InvalidOperation, TypeError, ValueError):
            number = Decimal("NaN")
        if number is not None and not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        return number


class DateOnlyWidget(widgets.DateWidget):
    """Excel keeps a date as a date-time at midnight; the library stores the day."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value}) from None


class CodeWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the target's stable code; an unknown code names itself.

    Every target is read once per import (each resource deep-copies its fields, so the cache lives for one
    file); a code not found there, such as a role added a few rows up, is looked up on its own.
    """

    def __init__(self, model, field="code", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.by_code = None

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if self.by_code is None:
            self.by_code = {str(getattr(obj, self.field)): obj for obj in self.get_queryset(value, row, **kwargs)}
        found = self.by_code.get(str(value).strip())
        return found if found is not None else super().get_instance_by_lookup_fields(value, row, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("Unknown %(model)s code “%(value)s”.") % {
                "model": self.model._meta.verbose_name, "value": value}) from None


WIDGETS_BY_FIELD_TYPE = {
    "BooleanField": StrictBooleanWidget,
    "CharField": TextWidget,
    "TextField": TextWidget,
    "DateField": DateOnlyWidget,
    "DecimalField": StrictDecimalWidget,
}
