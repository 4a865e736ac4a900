"""How an import's problems are told: Excel's row numbers, the column, the message, and the valid choices.

django-import-export counts the first data row as row 1 and skips nothing; a spreadsheet user counts the
header as row 1 and sees blank rows. These helpers translate, and list every problem as full text.
"""
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

HEADER_ROWS = 1


def sheet_rows(dataset):
    """The spreadsheet row number of each non-blank data row, in order (the header is row 1)."""
    return [index + HEADER_ROWS + 1 for index, row in enumerate(dataset)
            if not all(cell is None or not str(cell).strip() for cell in row)]


def renumber(result, sheet_row):
    """Give every refused row the number the admin sees in Excel."""
    for row in [*result.invalid_rows, *result.error_rows]:
        row.number = sheet_row(row.number)
        for error in getattr(row, "errors", ()):
            error.number = row.number
    return result


def valid_choices(field):
    choices = field.choices or getattr(getattr(field, "choices_class", None), "choices", None) or []
    return "；".join(_("%(code)s (%(label)s)") % {"code": code, "label": label} for code, label in choices)


def choice_help(model, error_dict):
    """An invalid choice (or code in a code list) names the valid codes with their labels."""
    for name, errors in error_dict.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        for i, error in enumerate(errors):
            if getattr(error, "code", None) in {"invalid_choice", "invalid_code"}:
                errors[i] = ValidationError(_("%(error)s Valid values: %(choices)s.") % {
                    "error": " ".join(error.messages), "choices": valid_choices(field)}, code=error.code)
    return error_dict


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % vars(self)
        if self.row:
            return _("Row %(row)s: %(message)s") % vars(self)
        return self.message


def problems(result):
    """Every reason a file was refused, in row order, as full sentences (never a traceback)."""
    found = [Problem(None, None, str(error.error)) for error in result.base_errors]
    for row in result.error_rows:
        found += [Problem(row.number, None, str(error.error)) for error in row.errors]
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            found += [Problem(invalid.number, column, str(message)) for message in messages]
        found += [Problem(invalid.number, None, str(message)) for message in invalid.non_field_specific_errors]
    return sorted(found, key=lambda p: (p.row or 0, p.column or ""))
