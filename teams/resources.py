"""Excel/CSV import and export of the library (django-import-export).

Imports are all-or-nothing: a file with any bad row — a missing column, an unknown code, a bad
number, an invalid choice, a code given twice — is refused whole, with the row and column named.
"""
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import sanitize_separators
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Capability, Duty, PlacementRule, Role, SizeThreshold, StaffingRule

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escaped(cell):
    return isinstance(cell, str) and cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)


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
        value = super().export_field(field, instance, **kwargs)
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value

    def before_import(self, dataset, **kwargs):
        """Refuse the whole file up front; its rows are dropped so only the real problem is reported."""
        headers = [str(h).strip() for h in (dataset.headers or [])]
        if dataset.headers:
            dataset.headers = headers  # "tier " must be read as tier, not silently ignored
        for i, row in enumerate(dataset):
            if any(_escaped(cell) for cell in row):
                dataset[i] = tuple(cell[1:] if _escaped(cell) else cell for cell in row)
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


class SizeThresholdResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = SizeThreshold
        fields = ("tier", "min_employees")
        import_id_fields = ("tier",)


class RoleResource(LibraryResource):
    """Roles may come in any order: a default manager listed further down the file is set once its row is in."""

    default_parent = code_field("default_parent", Role)

    def before_import(self, dataset, **kwargs):
        self.later_parents = {}  # role code -> (default manager's code, row number)
        super().before_import(dataset, **kwargs)
        self.codes_in_file = {str(code).strip() for code in dataset["code"]}

    def before_import_row(self, row, **kwargs):
        parent = str(row.get("default_parent") or "").strip()
        if parent in self.codes_in_file and not Role.objects.filter(code=parent).exists():
            self.later_parents[str(row["code"]).strip()] = (parent, kwargs["row_number"])
            row["default_parent"] = ""

    def after_import(self, dataset, result, **kwargs):
        if result.has_errors() or result.has_validation_errors():
            return  # refused whole anyway
        for code, (parent, number) in self.later_parents.items():
            role = Role.objects.get(code=code)
            role.default_parent = Role.objects.get(code=parent)
            try:
                role.full_clean()
            except ValidationError as error:
                messages = error.message_dict.get("default_parent", error.messages)
                raise ValueError(_("Row %(row)s, default_parent: %(error)s") % {
                    "row": number, "error": " ".join(messages)}) from None
            role.save(update_fields=["default_parent"])

    class Meta(LibraryResource.Meta):
        model = Role
        fields = ("code", "name_zh", "name_en", "tier", "is_core", "default_parent", "order",
                  "summary_zh", "summary_en", "source")
        import_id_fields = ("code",)


class RoleTextResource(LibraryResource):
    role = code_field("role", Role)

    class Meta(LibraryResource.Meta):
        fields = ("role", "order", "text_zh", "text_en", "source")
        import_id_fields = ("role", "order")


class DutyResource(RoleTextResource):
    class Meta(RoleTextResource.Meta):
        model = Duty


class CapabilityResource(RoleTextResource):
    class Meta(RoleTextResource.Meta):
        model = Capability


RULE_FIELDS = ("code", "priority", "phases", "size_tiers", "industries", "strategic", "live_streaming",
               "min_business_lines", "min_member_share", "rationale_zh", "rationale_en", "source", "is_active")


class StaffingRuleResource(LibraryResource):
    role = code_field("role", Role)
    merged_into = code_field("merged_into", Role)

    class Meta(LibraryResource.Meta):
        model = StaffingRule
        fields = (*RULE_FIELDS, "role", "action", "requirement", "merged_into", "headcount_min", "headcount_max")
        import_id_fields = ("code",)


class PlacementRuleResource(LibraryResource):
    class Meta(LibraryResource.Meta):
        model = PlacementRule
        fields = (*RULE_FIELDS, "placement")
        import_id_fields = ("code",)
