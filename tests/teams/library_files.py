"""Helpers for the library import/export tests: the library sheets, a snapshot of every library row, files
with one bad cell, and every reason an import was refused."""
import pytest
from django.db import models
from import_export.formats.base_formats import CSV, XLSX

from kpis.resources import KPITemplateResource
from teams.resources import (
    CapabilityResource,
    DutyResource,
    PlacementRuleResource,
    QualificationResource,
    RoleKPIResource,
    RoleResource,
    SizeThresholdResource,
    StaffingRuleResource,
)

# Parents before children: the order an admin imports an emptied library in.
RESOURCES = [SizeThresholdResource, RoleResource, DutyResource, CapabilityResource, QualificationResource,
             StaffingRuleResource,
             PlacementRuleResource, KPITemplateResource, RoleKPIResource]
FORMATS = [pytest.param(XLSX, id="xlsx"), pytest.param(CSV, id="csv")]

# A column of each resource that can be edited without breaking anything else, to prove valid rows are not written.
HARMLESS_COLUMN = {
    SizeThresholdResource: "min_employees", RoleResource: "name_en", DutyResource: "text_en",
    CapabilityResource: "text_en", QualificationResource: "text_en", StaffingRuleResource: "rationale_en",
    PlacementRuleResource: "rationale_en",
    KPITemplateResource: "name_en", RoleKPIResource: "order",
}


# --- helpers -----------------------------------------------------------------------------------------------

def value_of(instance, field):
    value = getattr(instance, field.name)
    if isinstance(field, models.ForeignKey):
        return value.natural_key() if value is not None else None
    return value


def snapshot():
    """Every field of every library row, keyed by model, foreign keys by natural key (ids may differ)."""
    state = {}
    for resource in RESOURCES:
        model = resource._meta.model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        state[model.__name__] = sorted(
            tuple((f.name, value_of(obj, f)) for f in fields) for obj in model.objects.all()
        )
    return state


def export_file(resource, file_format):
    return file_format().export_data(resource().export())


def read_file(data, file_format):
    return file_format().create_dataset(data)


def import_dataset(resource, dataset):
    return resource().import_data(dataset, dry_run=False)


def problems(result):
    """(row, column, message) for every reason a file was refused; row/column are None when not about one cell."""
    found = [(None, None, str(error.error)) for error in result.base_errors]
    found += [(number, None, str(error.error)) for number, errors in result.row_errors() for error in errors]
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            found += [(invalid.number, column, str(message)) for message in messages]
        found += [(invalid.number, None, str(message)) for message in invalid.non_field_specific_errors]
    return found


def set_cell(dataset, row_index, column, value):
    row = list(dataset[row_index])
    row[dataset.headers.index(column)] = value
    dataset[row_index] = tuple(row)


def touch_harmless_cell(resource, dataset, row_index):
    """Change a valid row so that a partial import would show up in the snapshot."""
    column = HARMLESS_COLUMN[resource]
    current = dataset[row_index][dataset.headers.index(column)]
    set_cell(dataset, row_index, column, str(int(current) + 7) if str(current).isdigit() else f"{current} (edited)")


def broken_file(resource, file_format, row_index, column, value):
    """An exported file with one bad cell and one valid edit elsewhere, written and read back as the user would."""
    dataset = resource().export()
    set_cell(dataset, row_index, column, value)
    touch_harmless_cell(resource, dataset, 0 if row_index else 1)
    return read_file(file_format().export_data(dataset), file_format)

