"""Excel exports HR hands out: role specifications (岗位说明书) and KPI sheets (考核表).

Builders read plans loaded with ``TeamPlan.objects.with_team()`` and make no query of their own
(reporting lines and merges come from ``TeamPlan.team``, linked in memory). They
return an ``openpyxl.Workbook``; ``workbook_response`` turns one into a download.

Text is in the active language: Chinese unless English is active; labels come from the catalogue.

Safety: every text value is passed through ``cell_text``, which prefixes a space to anything that
a spreadsheet would read as a formula (``= + - @``, tab, CR) and drops characters XML cannot hold.
The only formulas in a workbook are the score formulas written here.

KPI score scheme (one row, columns of ``KPI_COLUMNS``):

* attainment — "higher is better": actual ÷ target; "lower is better": target ÷ actual
  (an actual of 0 on a lower KPI counts as the exceeded threshold, or 100 % if the target is 0 too);
  blank unless target and actual are numbers, and blank for a higher KPI whose target is 0;
* score — attainment (in %, rounded to 4 places) ≥ exceeded threshold → 120 (超额达成),
  ≥ met threshold → 100 (达成), otherwise 0 (未达成);
* weighted total — ``SUMPRODUCT(weights, scores) / 100`` (0–120), blank until a score exists.

In the launch phase (``plan.penalties_apply`` is False) each KPI sheet says that no penalty tier
applies while the private-domain business is being tested.
"""
from __future__ import annotations

import math
import re
import unicodedata
from copy import copy
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from common.choices import Industry, Phase, SizeTier, Source
from common.spreadsheet import escape_formula
from common.text import join_names, pick
from kpis.choices import Direction, Frequency, Unit
from teams.choices import Placement, Requirement, Tier

from .models import TeamPlan

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- Labels ------------------------------------------------------------------------------------
LABELS = {
    "role_specs": _("Role specifications"),
    "kpi_sheets": _("KPI sheets"),
    "kpi_sheet": _("KPI sheet"),
    "overview": _("Overview"),
    "exported": _("Exported on %(date)s"),
    "plans": _("%(count)s plans"),
    "placement": _("Placement"),
    "placement_is": _("Placement: %(placement)s"),
    "employees": _("%(count)s employees"),
    "headcount_is": _("Headcount: %(count)s"),
    "reports_to_is": _("Reports to: %(manager)s"),
    "placement_reasons": _("Why this placement"),
    "notes": _("Notes"),
    "no": _("No."),
    "role": _("Role"),
    "tier": _("Tier"),
    "requirement": _("Requirement"),
    "headcount": _("Headcount"),
    "reports_to": _("Reports to"),
    "note": _("Note"),
    "source": _("Source"),
    "source_tags": _("Source tags"),
    "total": _("Total"),
    "total_headcount": _("Total headcount"),
    "merged_into": _("Merged into %(role)s (no own headcount)"),
    "takes_over": _("Also covers: %(roles)s"),
    "the_placement": _("%(placement)s (placement)"),
    "basics": _("Basics"),
    "code": _("Code"),
    "summary": _("Summary"),
    "reporting_line": _("Reporting line"),
    "direct_reports": _("Direct reports"),
    "absorbed": _("Duties taken over from"),
    "none": _("none"),
    "duties": _("Duties"),
    "duty": _("Duty"),
    "from_role": _("Taken over from"),
    "capabilities": _("Capabilities"),
    "capability": _("Capability"),
    "kpis": _("KPIs"),
    "why_role": _("Why this role"),
    "kpi": _("KPI"),
    "definition": _("Definition"),
    "formula": _("Formula"),
    "formula_is": _("Formula: %(formula)s"),
    "unit": _("Unit"),
    "frequency": _("Frequency"),
    "direction": _("Direction"),
    "weight": _("Weight (%)"),
    "target": _("Target"),
    "met": _("Met from (percent of target)"),
    "exceeded": _("Exceeded from (percent of target)"),
    "actual": _("Actual"),
    "attainment": _("Attainment"),
    "score": _("Score"),
    "result": _("Result"),
    "tier_not_met": _("Not met"),
    "tier_met": _("Met"),
    "tier_exceeded": _("Exceeded"),
    "weighted_total": _("Weighted total"),
    "no_kpis": _("No KPIs on this role."),
    "scoring": _(
        "Scoring: attainment = actual ÷ target (target ÷ actual when lower is better). From the "
        "exceeded threshold: 120 (Exceeded); from the met threshold: 100 (Met); below it: 0 (Not "
        "met). Weighted total = Σ weight × score ÷ 100. Fill in the yellow cells."
    ),
    "no_penalty": _(
        "Launch phase (test phase): no penalty tier applies. Scores are for review and for "
        "adjusting the playbook, not for pay deductions."
    ),
    "actual_error_title": _("Not a number"),
    "actual_error": _("Enter the actual value as a number, in the KPI's unit."),
    "actual_nonneg_error": _("Enter a number of 0 or more, in the KPI's unit."),
    "target_error": _("Enter the target as a number of 0 or more."),
    "threshold_error": _("Enter a whole percentage between 1 and 1000."),
    "input_title": _("Input"),
    "page": _("Page &P of &N"),
    "sheet": _("Sheet"),
}

def label(key, **params):
    """A label in the active language."""
    text = str(LABELS[key])
    return text % params if params else text


def choice(cls, value):
    """A choice's label in the active language; an unknown code is shown as it is."""
    return str(cls(value).label) if value in cls.values else value or ""


# --- Cells and styles --------------------------------------------------------------------------
TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(color="595959")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
NOTE_FILL = PatternFill("solid", fgColor="FCE4D6")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
LABEL_ALIGN = Alignment(horizontal="left", vertical="top", wrap_text=True)
LINE_HEIGHT = 15


def cell_text(value):
    """User or library text made safe for a cell: never read as a formula, no characters XML forbids."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return escape_formula(text)


def _put(ws, row, col, value, *, font=None, fill=None, align=WRAP, border=None, fmt=None):
    """Write a value (text is escaped) with the given style; return the cell."""
    if isinstance(value, str):
        value = cell_text(value)
    return _style(ws.cell(row=row, column=col, value=value), font, fill, align, border, fmt)


def _formula(ws, row, col, formula, *, font=None, fill=None, align=CENTER, border=BOX, fmt=None):
    """Write one of our own formulas (the only path that may start a cell with "=")."""
    cell = ws.cell(row=row, column=col)
    cell.value = formula
    return _style(cell, font, fill, align, border, fmt)


def _style(cell, font, fill, align, border, fmt):
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


def _merge(ws, row, first, last):
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


def _header(ws, row, titles, spans=None):
    """A bold, filled header row; ``spans`` maps a title's position to the number of columns it covers."""
    spans = spans or {}
    items, col = [], 1
    for index, title in enumerate(titles):
        items.append((col, spans.get(index, 1), title))
        col += spans.get(index, 1)
    _line(ws, row, items, font=BOLD, fill=HEADER_FILL, align=CENTER)


def _line(ws, row, items, *, font=None, fill=None, align=WRAP, aligns=None):
    """One table row of ``(column, span, value)`` items, boxed; spans are merged; the height fits the text."""
    aligns = aligns or {}
    texts, widths = {}, {}
    for col, span, value in items:
        _put(ws, row, col, value, font=font, fill=fill, border=BOX, align=aligns.get(col, align))
        if span > 1:
            _merge(ws, row, col, col + span - 1)
        if isinstance(value, str):
            texts[col] = value
            widths[col] = _span_width(ws, col, span)
    _fit_row(ws, row, texts, widths)


def _span_width(ws, col, span):
    return sum(ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(col, col + span))


def _display_width(text):
    """Roughly Excel's character units: a CJK glyph is nearly two digits wide."""
    return sum(1.8 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _line_count(text, width):
    usable = max((width - 1.5) * 0.92, 1)  # words do not fill a line to its end
    return sum(max(1, math.ceil(_display_width(part) / usable)) for part in str(text).split("\n"))


def _fit_row(ws, row, texts, widths=None):
    """Set a row height that shows wrapped text in full (Excel does not grow rows of generated files)."""
    widths = widths or {}
    lines = max((_line_count(text, widths.get(col) or _span_width(ws, col, 1))
                 for col, text in texts.items() if text not in (None, "")), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def _wide_text(ws, row, value, last_col, **style):
    """A paragraph across columns A..last_col."""
    _put(ws, row, 1, value, **style)
    _merge(ws, row, 1, last_col)
    _fit_row(ws, row, {1: value}, {1: _span_width(ws, 1, last_col)})


def _set_widths(ws, widths):
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _print_setup(ws, *, widths, title_rows, freeze):
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


# --- Sheet titles and file names ---------------------------------------------------------------
SHEET_TITLE_MAX = 31
_TITLE_REPLACEMENTS = str.maketrans({"[": "(", "]": ")", ":": "-", "/": "-", "\\": "-", "*": "_", "?": "_"})
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def _utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def _fit_title(text, limit):
    while _utf16_len(text) > limit:
        text = text[:-1]
    return text.rstrip().strip("'").rstrip()


def safe_sheet_title(title, used: set) -> str:
    """A valid, unique worksheet title derived from ``title``; ``used`` (casefolded titles) is updated.

    Excel's rules: at most 31 characters, none of ``[]:*?/\\``, no apostrophe at either end,
    not "History", unique regardless of case, never empty.
    """
    base = _CONTROL_CHARS.sub(" ", str(title or "")).translate(_TITLE_REPLACEMENTS)
    base = re.sub(r"\s+", " ", base).strip().strip("'").strip()
    base = _fit_title(base, SHEET_TITLE_MAX) or label("sheet")
    if base.casefold() == "history":
        base += "_"
    candidate, number = base, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = _fit_title(base, SHEET_TITLE_MAX - len(suffix)) + suffix
    used.add(candidate.casefold())
    return candidate


_BAD_FILENAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;,]+')


def safe_filename(name, suffix=".xlsx") -> str:
    """A download file name: no path parts, quotes or control characters; Chinese kept; never empty."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _BAD_FILENAME_CHARS.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._-")[:80].strip(" ._-") or "export"
    suffix = suffix if not suffix or suffix.startswith(".") else "." + suffix
    return text + suffix


def ascii_filename(filename) -> str:
    """The ASCII fallback for old clients: accents dropped, anything else replaced by "_"."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._-")
    if len(ascii_stem) < 2:
        ascii_stem = "export"
    return f"{ascii_stem}.{ext}" if ext else ascii_stem


def content_disposition(filename) -> str:
    """``attachment`` with an ASCII ``filename`` and, for other names, an RFC 5987 ``filename*``."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename=\"{ascii_filename(filename)}\"; filename*=utf-8''{quote(filename)}"
    return content_disposition_header(True, filename)


def export_filename(plans, kind) -> str:
    """E.g. ``示例品牌-岗位说明书-2026-11-20.xlsx``; ``kind`` is "role_specs" or "kpi_sheets"."""
    plans = _as_list(plans)
    who = plans[0].company_name if len(plans) == 1 else label("plans", count=len(plans))
    return safe_filename(f"{who}-{label(kind)}-{timezone.localdate():%Y-%m-%d}", ".xlsx")


def workbook_bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(workbook, filename) -> HttpResponse:
    """The workbook as an .xlsx attachment."""
    stem, dot, ext = str(filename).rpartition(".")
    filename = safe_filename(stem, "." + ext) if dot else safe_filename(filename, ".xlsx")
    content = workbook_bytes(workbook)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    return response


# --- Reading the plan --------------------------------------------------------------------------
def _as_list(plans):
    if isinstance(plans, TeamPlan):
        return [plans]
    return list(plans)


class _Team:
    """One plan's roles with their managers, reports and merges resolved in memory."""

    def __init__(self, plan):
        self.plan = plan
        self.roles = plan.team
        self.staffed = plan.staffed_roles()
        self.placement = choice(Placement, plan.placement)
        self.many = False

    def manager_name(self, role):
        if role.reports_to is not None:
            return role.reports_to.name
        if role.merged_into is not None:
            return ""
        return label("the_placement", placement=self.placement)

    def reports(self, role):
        return [r for r in self.staffed if r.reports_to_id == role.pk]

    def absorbed(self, role):
        return role.absorbed_roles

    def note(self, role):
        if role.merged_into is not None:
            return label("merged_into", role=role.merged_into.name)
        absorbed = self.absorbed(role)
        return label("takes_over", roles=join_names(r.name for r in absorbed)) if absorbed else ""

    def headline(self):
        plan, c = self.plan, choice
        return " · ".join([plan.company_name, c(Phase, plan.phase), c(SizeTier, plan.size_tier),
                           c(Industry, plan.industry), label("placement_is", placement=self.placement),
                           label("headcount_is", count=plan.total_headcount)])

    def sheet_title(self, role):
        if not self.many:
            return role.name
        return f"{_fit_title(self.plan.company_name, 12)}·{role.name}"


def _teams(plans):
    teams = [_Team(plan) for plan in _as_list(plans)]
    for team in teams:
        team.many = len(teams) > 1
    return teams


def _new_workbook(title):
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = str(_("Siyu Team Designer"))
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    return workbook


# --- Role specifications (岗位说明书) ------------------------------------------------------------
OVERVIEW_WIDTHS = (6, 28, 10, 11, 10, 26, 40, 10)


def build_role_spec_workbook(plans) -> Workbook:
    """岗位说明书: an overview of every plan's roles, then one sheet per staffed role."""
    teams = _teams(plans)
    workbook = _new_workbook(label("role_specs"))
    used = set()
    _overview_sheet(workbook.create_sheet(safe_sheet_title(label("overview"), used)), teams)
    for team in teams:
        for role in team.staffed:
            _role_sheet(workbook.create_sheet(safe_sheet_title(team.sheet_title(role), used)), team, role)
    return workbook


def _overview_sheet(ws, teams):
    last = len(OVERVIEW_WIDTHS)
    _set_widths(ws, OVERVIEW_WIDTHS)
    _put(ws, 1, 1, f"{label('role_specs')} · {label('overview')}", font=TITLE_FONT, align=None)
    subtitle = label("exported", date=f"{timezone.localdate():%Y-%m-%d}")
    if len(teams) > 1:
        subtitle = f"{label('plans', count=len(teams))} · {subtitle}"
    _put(ws, 2, 1, subtitle, font=SUBTITLE_FONT, align=None)
    _header(ws, 3, [label(k) for k in ("no", "role", "tier", "requirement", "headcount", "reports_to", "note",
                                       "source")])
    row = 4
    for team in teams:
        row = _overview_block(ws, row, team, last) + 1
    _print_setup(ws, widths=OVERVIEW_WIDTHS, title_rows="3:3", freeze="A4")


def _overview_block(ws, row, team, last):
    c = choice
    _wide_text(ws, row, team.headline(), last, font=BOLD, fill=SECTION_FILL)
    row += 1
    for number, role in enumerate(team.roles, start=1):
        values = [number, role.name, c(Tier, role.tier), c(Requirement, role.requirement), role.headcount,
                  team.manager_name(role), team.note(role), c(Source, role.source)]
        _line(ws, row, [(col, 1, value) for col, value in enumerate(values, start=1)], align=CENTER,
              aligns={2: WRAP, 6: WRAP, 7: WRAP})
        row += 1
    _put(ws, row, 2, label("total_headcount"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    _put(ws, row, 5, team.plan.total_headcount, font=BOLD, fill=TOTAL_FILL, border=BOX, align=CENTER)
    row += 1
    texts = [(label("placement_reasons"), team.plan.placement_reasons), (label("notes"), team.plan.notes)]
    for heading, entries in texts:
        if entries:
            body = "\n".join(f"• {pick(entry)}" for entry in entries)
            _wide_text(ws, row, f"{heading}\n{body}", last)
            row += 1
    return row


ROLE_WIDTHS = (14, 24, 9, 8, 11, 11, 38, 38, 8)
LAST_ROLE_COL = len(ROLE_WIDTHS)


def _role_sheet(ws, team, role):
    _set_widths(ws, ROLE_WIDTHS)
    _put(ws, 1, 1, f"{role.name} · {label('role_specs')}", font=TITLE_FONT, align=None)
    _put(ws, 2, 1, team.headline(), font=SUBTITLE_FONT, align=None)
    row = _role_basics(ws, 4, team, role)
    row = _role_duties(ws, row + 1, team, role)
    row = _role_capabilities(ws, row + 1, team, role)
    row = _role_kpis(ws, row + 1, team, role)
    if role.reasons:
        _section(ws, row + 1, label("why_role"))
        for offset, reason in enumerate(role.reasons, start=2):
            _wide_text(ws, row + offset, f"• {pick(reason)}  [{reason.get('source', '')}]", LAST_ROLE_COL)
    _print_setup(ws, widths=ROLE_WIDTHS, title_rows="1:2", freeze="A3")


def _section(ws, row, title):
    for col in range(2, LAST_ROLE_COL + 1):
        _put(ws, row, col, None, fill=SECTION_FILL)
    _put(ws, row, 1, title, font=BOLD, fill=SECTION_FILL, align=None)


def _role_basics(ws, row, team, role):
    c = choice
    _section(ws, row, label("basics"))
    reports = join_names(r.name for r in team.reports(role)) or label("none")
    absorbed = join_names(r.name for r in team.absorbed(role)) or label("none")
    tags = {role.source} | {e.get("source") for e in [*role.duties, *role.capabilities] if e.get("source")}
    sources = ", ".join(c(Source, tag) for tag in sorted(tags))
    facts = [
        (label("role"), f"{role.name} ({role.code})"),
        (label("tier"), c(Tier, role.tier)),
        (label("requirement"), c(Requirement, role.requirement)),
        (label("headcount"), role.headcount),
        (label("reports_to"), team.manager_name(role)),
        (label("direct_reports"), reports),
        (label("absorbed"), absorbed),
        (label("source_tags"), sources),
        (label("summary"), role.summary),
    ]
    for offset, (name, value) in enumerate(facts, start=1):
        _line(ws, row + offset, [(1, 1, name), (2, LAST_ROLE_COL - 1, value)], align=LABEL_ALIGN)
        ws.cell(row=row + offset, column=1).font = BOLD
    return row + len(facts) + 1


def _role_duties(ws, row, team, role):
    _section(ws, row, label("duties"))
    _header(ws, row + 1, [label("no"), label("duty"), label("from_role"), label("source")], spans={1: 6})
    for number, duty in enumerate(role.duties, start=1):
        origin = pick(duty, "from") if duty.get("from") else ""
        source = choice(Source, duty.get("source", ""))
        _line(ws, row + 1 + number, [(1, 1, number), (2, 6, pick(duty)), (8, 1, origin), (9, 1, source)],
              align=CENTER, aligns={2: WRAP})
    return row + 2 + len(role.duties)


def _role_capabilities(ws, row, team, role):
    _section(ws, row, label("capabilities"))
    _header(ws, row + 1, [label("no"), label("capability"), label("source")], spans={1: 7})
    for number, capability in enumerate(role.capabilities, start=1):
        source = choice(Source, capability.get("source", ""))
        _line(ws, row + 1 + number, [(1, 1, number), (2, 7, pick(capability)), (9, 1, source)],
              align=CENTER, aligns={2: WRAP})
    return row + 2 + len(role.capabilities)


def _role_kpis(ws, row, team, role):
    c = choice
    _section(ws, row, label("kpis"))
    kpis = list(role.kpis.all())
    if not team.plan.penalties_apply:
        row += 1
        _wide_text(ws, row, label("no_penalty"), LAST_ROLE_COL, fill=NOTE_FILL)
    if not kpis:
        _put(ws, row + 1, 1, label("no_kpis"), align=None)
        return row + 2
    _header(ws, row + 1, [label(k) for k in ("no", "kpi", "weight", "unit", "frequency", "direction",
                                             "definition", "formula", "source")])
    for number, kpi in enumerate(kpis, start=1):
        values = [number, kpi.name, kpi.weight, c(Unit, kpi.unit), c(Frequency, kpi.frequency),
                  c(Direction, kpi.direction), kpi.definition, kpi.formula, c(Source, kpi.source)]
        _line(ws, row + 1 + number, [(col, 1, value) for col, value in enumerate(values, start=1)],
              align=CENTER, aligns={2: WRAP, 7: WRAP, 8: WRAP})
    total = row + 2 + len(kpis)
    _put(ws, total, 2, label("total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    _put(ws, total, 3, role.weight_total, font=BOLD, fill=TOTAL_FILL, border=BOX, align=CENTER)
    return total + 1


# --- KPI sheets (考核表) -------------------------------------------------------------------------
KPI_COLUMNS = ("kpi", "definition", "unit", "frequency", "direction", "weight", "target", "met", "exceeded",
               "actual", "attainment", "score", "result")
KPI_WIDTHS = (20, 38, 8, 9, 10, 9, 11, 11, 11, 12, 10, 8, 10)
COL = {key: get_column_letter(index) for index, key in enumerate(KPI_COLUMNS, start=1)}
KPI_HEADER_ROW = 5
NUMBER_LIMIT = "1000000000000"


def build_kpi_workbook(plans) -> Workbook:
    """考核表: one sheet per staffed role, with input cells for actuals and formulas for the scores."""
    teams = _teams(plans)
    workbook = _new_workbook(label("kpi_sheets"))
    used = set()
    for team in teams:
        for role in team.staffed:
            _kpi_sheet(workbook.create_sheet(safe_sheet_title(team.sheet_title(role), used)), team, role)
    if not workbook.worksheets:
        workbook.create_sheet(safe_sheet_title(label("kpi_sheets"), used))
    return workbook


def _kpi_sheet(ws, team, role):
    last = len(KPI_COLUMNS)
    _set_widths(ws, KPI_WIDTHS)
    _put(ws, 1, 1, f"{role.name} · {label('kpi_sheet')}", font=TITLE_FONT, align=None)
    subtitle = " · ".join([team.plan.company_name, choice(Phase, team.plan.phase),
                           label("headcount_is", count=role.headcount),
                           label("reports_to_is", manager=team.manager_name(role))])
    _put(ws, 2, 1, subtitle, font=SUBTITLE_FONT, align=None)
    _wide_text(ws, 3, label("scoring"), last)
    if not team.plan.penalties_apply:
        _wide_text(ws, 4, label("no_penalty"), last, font=BOLD, fill=NOTE_FILL)
    _header(ws, KPI_HEADER_ROW, [label(key) for key in KPI_COLUMNS])
    kpis = list(role.kpis.all())
    if kpis:
        first = KPI_HEADER_ROW + 1
        validations = _kpi_validations(ws)
        for row, kpi in enumerate(kpis, start=first):
            _kpi_row(ws, row, kpi, choice, validations)
        _kpi_total(ws, first, first + len(kpis) - 1)
    else:
        _put(ws, KPI_HEADER_ROW + 1, 1, label("no_kpis"), align=None)
    _print_setup(ws, widths=KPI_WIDTHS, title_rows=f"{KPI_HEADER_ROW}:{KPI_HEADER_ROW}",
                 freeze=f"A{KPI_HEADER_ROW + 1}")


def _validation(kind, low, high, error_key):
    return DataValidation(
        type=kind, operator="between", formula1=low, formula2=high, allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle=label("actual_error_title")[:32],
        error=label(error_key)[:255], showInputMessage=True, promptTitle=label("input_title")[:32],
        prompt=label(error_key)[:255],
    )


def _kpi_validations(ws):
    validations = {
        "actual": _validation("decimal", "-" + NUMBER_LIMIT, NUMBER_LIMIT, "actual_error"),
        "actual_nonneg": _validation("decimal", "0", NUMBER_LIMIT, "actual_nonneg_error"),
        "target": _validation("decimal", "0", NUMBER_LIMIT, "target_error"),
        "threshold": _validation("whole", "1", "1000", "threshold_error"),
    }
    for validation in validations.values():
        ws.add_data_validation(validation)
    return validations


def _kpi_row(ws, row, kpi, c, validations):
    definition = kpi.definition
    if kpi.formula:
        definition = f"{definition}\n{label('formula_is', formula=kpi.formula)}" if definition else kpi.formula
    values = {"kpi": kpi.name, "definition": definition, "unit": c(Unit, kpi.unit),
              "frequency": c(Frequency, kpi.frequency), "direction": c(Direction, kpi.direction),
              "weight": kpi.weight, "target": kpi.target, "met": kpi.met_threshold,
              "exceeded": kpi.exceeded_threshold, "actual": None}
    for index, key in enumerate(KPI_COLUMNS[:10], start=1):
        fill = INPUT_FILL if key in ("target", "actual") else None
        _put(ws, row, index, values[key], border=BOX, fill=fill,
             align=WRAP if key in ("kpi", "definition") else CENTER)
    _fit_row(ws, row, {1: kpi.name, 2: definition})
    lower = kpi.direction == Direction.LOWER
    validations["actual_nonneg" if lower else "actual"].add(f"{COL['actual']}{row}")
    validations["target"].add(f"{COL['target']}{row}")
    validations["threshold"].add(f"{COL['met']}{row}:{COL['exceeded']}{row}")
    _formula(ws, row, KPI_COLUMNS.index("attainment") + 1, attainment_formula(row, lower=lower), fmt="0.0%")
    _formula(ws, row, KPI_COLUMNS.index("score") + 1, score_formula(row), font=BOLD, fmt="0")
    _formula(ws, row, KPI_COLUMNS.index("result") + 1, result_formula(row))


def _quoted(text):
    return '"' + text.replace('"', '""') + '"'


def attainment_formula(row, *, lower=False) -> str:
    """Actual ÷ target (target ÷ actual when lower is better); blank unless both are numbers."""
    target, actual, exceeded = (f"{COL[key]}{row}" for key in ("target", "actual", "exceeded"))
    if lower:
        ratio = f"IF({actual}<=0,IF({target}<=0,1,{exceeded}/100),{target}/{actual})"
    else:
        ratio = f'IF({target}<=0,"",{actual}/{target})'
    return f'=IF(AND(ISNUMBER({target}),ISNUMBER({actual})),{ratio},"")'


def score_formula(row) -> str:
    """120 from the exceeded threshold, 100 from the met threshold, else 0; blank without attainment."""
    attainment, met, exceeded = (f"{COL[key]}{row}" for key in ("attainment", "met", "exceeded"))
    percent = f"ROUND({attainment}*100,4)"
    return f'=IF(ISNUMBER({attainment}),IF({percent}>={exceeded},120,IF({percent}>={met},100,0)),"")'


def result_formula(row) -> str:
    score = f"{COL['score']}{row}"
    return (f"=IF(ISNUMBER({score}),IF({score}>=120,{_quoted(label('tier_exceeded'))},"
            f"IF({score}>=100,{_quoted(label('tier_met'))},{_quoted(label('tier_not_met'))})),\"\")")


def total_formula(first, last) -> str:
    weights = f"{COL['weight']}{first}:{COL['weight']}{last}"
    scores = f"{COL['score']}{first}:{COL['score']}{last}"
    return f'=IF(COUNT({scores})=0,"",SUMPRODUCT({weights},{scores})/100)'


def _kpi_total(ws, first, last):
    row = last + 1
    for col in range(1, len(KPI_COLUMNS) + 1):
        _put(ws, row, col, None, fill=TOTAL_FILL, border=BOX)
    _put(ws, row, 1, label("weighted_total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    weight_col = KPI_COLUMNS.index("weight") + 1
    _formula(ws, row, weight_col, f"=SUM({COL['weight']}{first}:{COL['weight']}{last})", font=BOLD,
             fill=TOTAL_FILL)
    _formula(ws, row, KPI_COLUMNS.index("score") + 1, total_formula(first, last), font=BOLD, fill=TOTAL_FILL,
             fmt="0.0")
    scores = f"{COL['score']}{first}:{COL['score']}{last}"
    for value, color in (("120", "C6EFCE"), ("100", "DDEBF7"), ("0", "FFEB9C")):
        ws.conditional_formatting.add(scores, CellIsRule(operator="equal", formula=[value],
                                                         fill=PatternFill("solid", fgColor=color)))


__all__ = [
    "XLSX_CONTENT_TYPE", "attainment_formula", "build_kpi_workbook", "build_role_spec_workbook", "cell_text",
    "content_disposition", "export_filename", "label", "safe_filename", "safe_sheet_title", "score_formula",
    "total_formula", "workbook_bytes", "workbook_response",
]
