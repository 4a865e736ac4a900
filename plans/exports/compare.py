"""方案对比 (comparison): the columns side by side with live delta and total formulas.

One row per role: each column's headcount, then each later column's headcount delta against the first
(``=C5-B5``), then the monthly costs and their deltas the same way; a total row sums every column with
``SUM``, so an HR reader who changes a figure sees every delta and total follow.
"""
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .sheets import new_workbook, safe_sheet_title
from .styles import (
    BOLD,
    BOX,
    CENTER,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    fit_row,
    formula,
    header,
    print_setup,
    put,
)

HEADER_ROW = 4
YUAN = "#,##0"
SIGNED = "+#,##0;-#,##0;0"
SIGNED_YUAN = "+¥#,##0;-¥#,##0;¥0"


def layout(count):
    """Column numbers: headcounts, headcount deltas, costs, cost deltas, then the changes text."""
    heads = list(range(2, 2 + count))
    deltas = list(range(heads[-1] + 1, heads[-1] + count))
    costs = list(range(deltas[-1] + 1, deltas[-1] + 1 + count))
    cost_deltas = list(range(costs[-1] + 1, costs[-1] + count))
    return heads, deltas, costs, cost_deltas, cost_deltas[-1] + 1


def build_compare_workbook(comparison) -> Workbook:
    title = _("Comparison")
    workbook = new_workbook(title)
    ws = workbook.create_sheet(safe_sheet_title(title, set()))
    titles = [str(column.title) for column in comparison.columns]
    heads, deltas, costs, cost_deltas, notes = layout(len(titles))
    put(ws, 1, 1, title, font=TITLE_FONT, align=None)
    put(ws, 2, 1, " | ".join(titles) + " · " + _("Exported on %(date)s") % {"date": timezone.localdate()},
        font=SUBTITLE_FONT, align=None)
    header(ws, HEADER_ROW, [
        _("Role"), *(_("People: %(column)s") % {"column": t} for t in titles),
        *(_("Δ people: %(column)s") % {"column": t} for t in titles[1:]),
        *(_("Monthly cost: %(column)s") % {"column": t} for t in titles),
        *(_("Δ cost: %(column)s") % {"column": t} for t in titles[1:]), _("Other changes")])
    widths = [28] + [12] * (notes - 2) + [60]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    first = HEADER_ROW + 1
    for row, role in enumerate(comparison.roles, start=first):
        put(ws, row, 1, str(role.name), border=BOX)
        _numbers(ws, row, heads, deltas, role.headcounts, None)
        _numbers(ws, row, costs, cost_deltas, role.costs, YUAN)
        put(ws, row, notes, _changes(comparison, role), border=BOX)
        fit_row(ws, row, {1: str(role.name), notes: _changes(comparison, role)})
    _totals(ws, first + len(comparison.roles), first, heads + deltas + costs + cost_deltas, costs + cost_deltas)
    placement_row = first + len(comparison.roles) + 1
    put(ws, placement_row, 1, _("Placement"), border=BOX)
    for col, placement in zip(heads, comparison.placements, strict=True):
        put(ws, placement_row, col, str(placement), border=BOX, align=CENTER)
    fit_row(ws, placement_row, {col: str(p) for col, p in zip(heads, comparison.placements, strict=True)})
    print_setup(ws, widths=widths, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{first}")
    return workbook


def _changes(comparison, role):
    """One line per change; with three columns each names the column it belongs to."""
    prefix = len(comparison.columns) > 2
    return "\n".join(f"{column}: {change}" if prefix else str(change)
                     for column, items in comparison.labelled(role.changes) for change in items)


def _numbers(ws, row, values_at, deltas_at, values, fmt):
    for col, value in zip(values_at, values, strict=True):
        put(ws, row, col, value, border=BOX, align=CENTER, fmt=fmt)
    base = get_column_letter(values_at[0])
    for col, value_col in zip(deltas_at, values_at[1:], strict=True):
        formula(ws, row, col, f"={get_column_letter(value_col)}{row}-{base}{row}",
                fmt=SIGNED_YUAN if fmt else SIGNED)


def _totals(ws, row, first, columns, money):
    put(ws, row, 1, _("Total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    for col in columns:
        letter = get_column_letter(col)
        formula(ws, row, col, f"=SUM({letter}{first}:{letter}{row - 1})" if row > first else "=0", font=BOLD,
                fill=TOTAL_FILL, fmt=YUAN if col in money else None)
