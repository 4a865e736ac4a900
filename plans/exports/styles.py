"""The cell styles and cell writers every workbook shares.

Colours come from the app's palette (``--xl-*`` and friends in ``static/css/app.css``), so a change of tint
is made once. Every text value goes through ``cell_text``: text a spreadsheet would read as a formula gets
the app's one escape (a leading apostrophe, ``common.spreadsheet.escape_formula``), and characters XML
cannot hold are dropped. ``formula`` is the only writer that may start a cell with "=".
"""
import math
from copy import copy

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from common.palette import excel
from common.spreadsheet import escape_formula

from .labels import label


def solid(name):
    """A solid fill in the palette colour ``--name``."""
    return PatternFill("solid", fgColor=excel(name))


TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(color=excel("xl-subtitle"))
BOLD = Font(bold=True)
HEADER_FILL = solid("xl-header")
SECTION_FILL = solid("xl-section")
INPUT_FILL = solid("xl-input")
NOTE_FILL = solid("xl-note")
TOTAL_FILL = solid("xl-total")
THIN = Side(style="thin", color=excel("xl-rule"))
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
LABEL_ALIGN = Alignment(horizontal="left", vertical="top", wrap_text=True)
LINE_HEIGHT = 15


def cell_text(value):
    """User or library text made safe for a cell: never read as a formula, no characters XML forbids."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return escape_formula(text)


def put(ws, row, col, value, *, font=None, fill=None, align=WRAP, border=None, fmt=None):
    """Write a value (text is escaped) with the given style; return the cell."""
    if isinstance(value, str):
        value = cell_text(value)
    return style(ws.cell(row=row, column=col, value=value), font, fill, align, border, fmt)


def formula(ws, row, col, text, *, font=None, fill=None, align=CENTER, border=BOX, fmt=None):
    """Write one of our own formulas (the only path that may start a cell with "=")."""
    cell = ws.cell(row=row, column=col)
    cell.value = text
    return style(cell, font, fill, align, border, fmt)


def style(cell, font, fill, align, border, fmt):
    """Apply a style; each combination is built once per workbook, then copied (openpyxl hashes every style set).

    The cache is keyed by the identity of the style objects, so only module-level constants are passed here.
    """
    styles = vars(cell.parent.parent).setdefault("_export_styles", {})
    key = (id(font), id(fill), id(align), id(border), fmt)
    cached = styles.get(key)
    if cached is not None:
        cell._style = copy(cached)
        return cell
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border
    if fmt is not None:
        cell.number_format = fmt
    styles[key] = copy(cell._style)
    return cell


def merge(ws, row, first, last):
    """Merge cells of one row, the covered cells keeping the first cell's style.

    ``Worksheet.merge_cells`` also re-draws the range's outer border cell by cell, which costs more than
    writing the whole sheet; every cell here is already boxed, so the covered cells just copy the style.
    """
    anchor = ws.cell(row=row, column=first)
    ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"))
    for col in range(first + 1, last + 1):
        covered = MergedCell(ws, row=row, column=col)
        covered._style = copy(anchor._style)
        ws._cells[(row, col)] = covered


def header(ws, row, titles, spans=None):
    """A bold, filled header row; ``spans`` maps a title's position to the number of columns it covers."""
    spans = spans or {}
    items, col = [], 1
    for index, title in enumerate(titles):
        items.append((col, spans.get(index, 1), title))
        col += spans.get(index, 1)
    line(ws, row, items, font=BOLD, fill=HEADER_FILL, align=CENTER)


def line(ws, row, items, *, font=None, fill=None, align=WRAP, aligns=None):
    """One table row of ``(column, span, value)`` items, boxed; spans are merged; the height fits the text."""
    aligns = aligns or {}
    texts, widths = {}, {}
    for col, span, value in items:
        put(ws, row, col, value, font=font, fill=fill, border=BOX, align=aligns.get(col, align))
        if span > 1:
            merge(ws, row, col, col + span - 1)
        if isinstance(value, str):
            texts[col] = value
            widths[col] = span_width(ws, col, span)
    fit_row(ws, row, texts, widths)


def span_width(ws, col, span):
    return sum(ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(col, col + span))


def display_width(text):
    """Roughly Excel's character units: a CJK glyph is nearly two digits wide."""
    return sum(1.8 if ord(ch) >= 0x2E80 else 1 for ch in text)


def line_count(text, width):
    usable = max((width - 1.5) * 0.92, 1)  # words do not fill a line to its end
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in str(text).split("\n"))


def fit_row(ws, row, texts, widths=None):
    """Set a row height that shows wrapped text in full (Excel does not grow rows of generated files)."""
    widths = widths or {}
    lines = max((line_count(text, widths.get(col) or span_width(ws, col, 1))
                 for col, text in texts.items() if text not in (None, "")), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def wide_text(ws, row, value, last_col, **styling):
    """A paragraph across columns A..last_col; ``styling`` as for ``put``."""
    put(ws, row, 1, value, **styling)
    merge(ws, row, 1, last_col)
    fit_row(ws, row, {1: value}, {1: span_width(ws, 1, last_col)})


def set_widths(ws, widths):
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def print_setup(ws, *, widths, title_rows, freeze):
    """A4, one page wide (landscape for wide sheets), repeated title rows, sheet name and page number below."""
    ws.freeze_panes = freeze
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if sum(widths) > 100 else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = label("page")
