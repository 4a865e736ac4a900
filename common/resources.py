"""The base of every library import/export (django-import-export).

Imports are all-or-nothing: a file with any bad row — a missing column, an unknown code, a bad
number, an invalid choice, a code given twice — is refused whole, with the row and column named.
"""
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import sanitize_separators
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .spreadsheet import escape_formula, unescape_formula


class StrictBooleanWidget(widgets.BooleanWidget):
    """Like the stock widget, but an unrecognised value is an error instead of a silent False."""

    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "yes", "是"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "no", "否"]

    def clean(self, value, row=None, **kwargs):
        if value not in self.TRUE_VALUES + self.FALSE_VALUES + self.NULL_VALUES:
            raise ValueError(_("“%(value)s” is not a yes/no value (use 1 or 0).") % {"value": value})
        return super().clean(value, row, **kwargs)


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


class CodeWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the target's stable code; an unknown code names itself."""

    def __init__(self, model, field="code", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("Unknown %(model)s code “%(value)s”.") % {
                "model": self.model._meta.verbose_name, "value": value}) from None


def code_field(name, model):
    return fields.Field(attribute=name, column_name=name, widget=CodeWidget(model))


class LibraryResource(resources.ModelResource):
    """Shared import behaviour: every column required, ids unique, validation errors roll back everything."""

    def get_import_fields(self):
        return [f for f in super().get_import_fields() if f.column_name != "id"]

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() == "BooleanField":
            return StrictBooleanWidget
        if f.get_internal_type() == "TextField" and not f.null:
            return widgets.CharWidget  # an empty cell is "", not None: blank texts (a note, a translation) re-import
        widget = super().widget_from_django_field(f, default)
        return StrictIntegerWidget if widget is widgets.IntegerWidget else widget

    def get_instance(self, instance_loader, row):
        """A bad value in an id column (e.g. an unknown role code) is reported against its column, like any other."""
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as e:
                    errors[field.column_name] = ValidationError(str(e), code="invalid")
        if errors:
            raise ValidationError(errors)
        return super().get_instance(instance_loader, row)

    def export_field(self, field, instance, **kwargs):
        """No exported cell may start a formula: such text gets a leading apostrophe, removed again on import."""
        return escape_formula(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        """Refuse the whole file up front; its rows are dropped so only the real problem is reported."""
        headers = [str(h).strip() for h in (dataset.headers or [])]
        if dataset.headers:
            dataset.headers = headers  # "tier " must be read as tier, not silently ignored
        for i in reversed(range(len(dataset))):  # a touched-but-empty row (",,,," or spaces) is no row
            if all(cell is None or not str(cell).strip() for cell in dataset[i]):
                del dataset[i]
        for i, row in enumerate(dataset):
            dataset[i] = tuple(unescape_formula(cell) for cell in row)
        missing = [f.column_name for f in self.get_import_fields() if f.column_name not in headers]
        try:
            if missing:
                raise ValueError(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
            self._refuse_duplicate_ids(dataset, headers)
        except ValueError:
            del dataset[:]
            raise

    def _refuse_duplicate_ids(self, dataset, headers):
        positions = [headers.index(name) for name in self._meta.import_id_fields]
        keys = [tuple(str(row[i]).strip() for i in positions) for row in dataset]
        repeated = {key for key, count in Counter(keys).items() if count > 1}
        if repeated:
            rows = [str(n) for n, key in enumerate(keys, start=1) if key in repeated]
            raise ValueError(_("Rows %(rows)s repeat the same %(columns)s (%(values)s).") % {
                "rows": ", ".join(rows), "columns": " + ".join(self._meta.import_id_fields),
                "values": "; ".join(" + ".join(key) for key in sorted(repeated))})

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
