"""A sheet's columns by their names in either language, and the import template built from them.

The template's header row is in the admin's language (列名 in Chinese, English names in English); an import
reads a header by its code or by its name in either language, so the template imports back as it is.
"""
import io

import openpyxl
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from .import_rows import valid_choices

EXAMPLE_ROWS = 3
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def model_field(resource, name):
    attribute = resource.fields[name].attribute if name in resource.fields else name
    try:
        return resource._meta.model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None


def column_labels(resource_class):
    """{column code: its name in the active language}."""
    resource = resource_class()
    labels = {}
    for name in resource.get_export_order():
        field = model_field(resource, name)
        labels[name] = str(capfirst(field.verbose_name)) if field is not None else name
    return labels


def header_aliases(resource_class):
    """{lower-cased header as an admin may write it: column code}, for the codes and both languages' names."""
    aliases = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            aliases.update({label.strip().lower(): code for code, label in column_labels(resource_class).items()})
    aliases.update({code.lower(): code for code in column_labels(resource_class)})
    return aliases


def template_workbook(resource_class):
    book = openpyxl.Workbook()
    sheet = book.active
    resource = resource_class()
    sheet.title = str(resource._meta.model._meta.verbose_name_plural).translate(SHEET_TITLE_FORBIDDEN)[:31]
    labels = column_labels(resource_class)
    sheet.append(list(labels.values()))
    examples = resource.export(resource.get_queryset()[:EXAMPLE_ROWS])
    for row in examples:
        sheet.append(["" if value is None else value for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
        sheet.column_dimensions[cell.column_letter].width = max(12, min(40, len(str(cell.value)) * 2 + 4))
    sheet.freeze_panes = "A2"
    _help_sheet(book.create_sheet(_("Columns")), resource, labels)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _help_sheet(sheet, resource, labels):
    sheet.append([_("Column"), _("Code"), _("What to enter"), _("Valid values")])
    for code, label in labels.items():
        field = model_field(resource, code)
        help_text = str(field.help_text) if field is not None else ""
        choices = valid_choices(field) if field is not None else ""
        sheet.append([label, code, help_text, choices])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (24, 20, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
