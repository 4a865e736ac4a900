"""The base of every library import/export (django-import-export).

Imports are all-or-nothing: a file with any bad row — a missing column, an unknown code, a bad
number, an invalid choice, a control character, a code given twice — is refused whole, with the row
(as Excel numbers it: the header is row 1) and the column named. Big files go in with a few queries,
not a few per row: existing rows are read once, codes are looked up once, and rows are written in bulk.
"""
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

from .import_files import MAX_ROWS as MAX_IMPORT_ROWS
from .import_rows import choice_help, renumber, sheet_rows
from .import_template import header_aliases
from .spreadsheet import escape_formula, unescape_formula
from .widgets import WIDGETS_BY_FIELD_TYPE, CodeWidget, StrictIntegerWidget


def code_field(name, model):
    return fields.Field(attribute=name, column_name=name, widget=CodeWidget(model))


class LoadedInstanceLoader(BaseInstanceLoader):
    """Every existing row read in one query, keyed by the import id columns (foreign keys by the target's id)."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.id_fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        model = resource._meta.model
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]  # the diff and export show codes
        queryset = resource.get_queryset().select_related(*related)
        self.rows = {tuple(self._stored(obj, f) for f in self.id_fields): obj for obj in queryset}

    @staticmethod
    def _stored(obj, field):
        model_field = obj._meta.get_field(field.attribute)
        return getattr(obj, model_field.attname)  # a foreign key's id, without fetching the row it points to

    def get_instance(self, row):
        key = []
        for field in self.id_fields:
            value = field.clean(row)
            key.append(value.pk if isinstance(value, models.Model) else value)
        return self.rows.get(tuple(key))


class LibraryResource(resources.ModelResource):
    """Shared import behaviour: every column required, ids unique, validation errors roll back everything."""

    def get_import_fields(self):
        return [f for f in super().get_import_fields() if f.column_name != "id"]

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if not f.is_relation and f.get_internal_type() in WIDGETS_BY_FIELD_TYPE:
            return WIDGETS_BY_FIELD_TYPE[f.get_internal_type()]
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

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own validation, less uniqueness: every unique constraint of the library is its import id
        columns, already checked across the file, and each check would cost a query per row. An invalid choice
        lists the valid ones."""
        errors = dict(import_validation_errors or {})
        # A foreign key set from its code was just read from the database; checking it again costs a query a row.
        found = {f.name for f in instance._meta.concrete_fields if f.is_relation and getattr(instance, f.attname)}
        try:
            instance.full_clean(exclude=set(errors) | found, validate_unique=False, validate_constraints=False)
            for constraint in instance._meta.constraints:
                if isinstance(constraint, models.CheckConstraint):
                    constraint.validate(type(instance), instance, exclude=set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(choice_help(self._meta.model, errors))

    def export_field(self, field, instance, **kwargs):
        """No exported cell may start a formula: such text gets a leading apostrophe, removed again on import."""
        return escape_formula(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        """Refuse the whole file up front; its rows are dropped so only the real problem is reported."""
        aliases = header_aliases(type(self))  # a header by its code or its name in either language
        headers = [aliases.get(str(h).strip().lower(), str(h).strip()) for h in (dataset.headers or [])]
        if dataset.headers:
            dataset.headers = headers  # "tier " must be read as tier, not silently ignored
        self.sheet_rows = sheet_rows(dataset)  # before blank rows go, so row numbers stay Excel's
        for i in reversed(range(len(dataset))):  # a touched-but-empty row (",,,," or spaces) is no row
            if all(cell is None or not str(cell).strip() for cell in dataset[i]):
                del dataset[i]
        for i, row in enumerate(dataset):
            dataset[i] = tuple(unescape_formula(cell) for cell in row)
        missing = [f.column_name for f in self.get_import_fields() if f.column_name not in headers]
        try:
            if len(dataset) > MAX_IMPORT_ROWS:
                raise ValueError(_("The file has %(rows)s rows; at most %(limit)s can be imported at once.")
                                 % {"rows": len(dataset), "limit": MAX_IMPORT_ROWS})
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
            rows = [str(self.sheet_row(n)) for n, key in enumerate(keys, start=1) if key in repeated]
            raise ValueError(_("Rows %(rows)s repeat the same %(columns)s (%(values)s).") % {
                "rows": ", ".join(rows), "columns": " + ".join(self._meta.import_id_fields),
                "values": "; ".join(" + ".join(key) for key in sorted(repeated))})

    def sheet_row(self, number):
        """The spreadsheet's row number of the file's ``number``-th data row (1-based), blank rows counted."""
        rows = getattr(self, "sheet_rows", None)
        return rows[number - 1] if rows and number <= len(rows) else number + 1

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(dataset, **kwargs)
        return renumber(result, self.sheet_row)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
        use_bulk = True
        batch_size = 1000
        instance_loader_class = LoadedInstanceLoader
