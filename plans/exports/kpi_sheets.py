"""考核表 (KPI sheets): one review sheet per staffed role, input cells for the actuals, formulas for the scores.

A sheet is ready for a real review: employee name, position, period and evaluator above the KPIs; self and
manager score and comment columns beside the computed score; a comments box and signature and date lines
below. The scoring band is explained in ``formulas``. In the launch phase (``plan.penalties_apply`` is False)
each sheet says that no deduction tier applies while the private-domain business is on trial.
"""
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.datavalidation import DataValidation

from common.choices import Phase
from kpis.choices import Direction, Frequency, Unit

from .formulas import (
    COL,
    EXCEEDED_POINTS,
    KPI_COLUMNS,
    MET_POINTS,
    attainment_formula,
    result_formula,
    score_formula,
    total_formula,
    weight_sum_formula,
)
from .labels import choice, label
from .sheets import new_workbook, safe_sheet_title
from .styles import (
    BOLD,
    BOX,
    CENTER,
    INPUT_FILL,
    LABEL_ALIGN,
    NOTE_FILL,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    WRAP,
    fit_row,
    formula,
    header,
    line,
    print_setup,
    put,
    set_widths,
    solid,
    wide_text,
)
from .team import teams

KPI_WIDTHS = (20, 36, 7, 8, 9, 8, 10, 9, 9, 9, 11, 9, 8, 9, 9, 9, 22)
FIELDS_ROW = 3  # employee name, position; period, evaluator on the next row
KPI_HEADER_ROW = 7
NUMBER_LIMIT = "1000000000000"
INPUT_KEYS = ("target", "threshold", "met", "exceeded", "actual", "self_score", "manager_score", "comment")
SCORE_COLUMNS = ("self_score", "manager_score")


def _column(key):
    return KPI_COLUMNS.index(key) + 1


def build_kpi_workbook(plans) -> Workbook:
    """考核表: one sheet per staffed role, with input cells for actuals and formulas for the scores."""
    presenters = teams(plans)
    workbook = new_workbook(label("kpi_sheets"))
    used = set()
    for team in presenters:
        for role in team.staffed:
            _kpi_sheet(workbook.create_sheet(safe_sheet_title(team.sheet_title(role), used)), team, role)
    if not workbook.worksheets:
        workbook.create_sheet(safe_sheet_title(label("kpi_sheets"), used))
    return workbook


def _kpi_sheet(ws, team, role):
    last = len(KPI_COLUMNS)
    set_widths(ws, KPI_WIDTHS)
    put(ws, 1, 1, f"{role.name} · {label('kpi_sheet')}", font=TITLE_FONT, align=None)
    subtitle = " · ".join([team.plan.company_name, choice(Phase, team.plan.phase),
                           label("headcount_is", count=role.headcount),
                           label("reports_to_is", manager=team.manager_name(role))])
    put(ws, 2, 1, subtitle, font=SUBTITLE_FONT, align=None)
    _review_fields(ws, role)
    wide_text(ws, 5, label("scoring"), last)
    if not team.plan.penalties_apply:
        wide_text(ws, 6, label("no_penalty"), last, font=BOLD, fill=NOTE_FILL)
    header(ws, KPI_HEADER_ROW, [label(key) for key in KPI_COLUMNS])
    kpis = list(role.kpis.all())
    end = KPI_HEADER_ROW + 1
    if kpis:
        first = KPI_HEADER_ROW + 1
        validations = _kpi_validations(ws)
        for row, kpi in enumerate(kpis, start=first):
            _kpi_row(ws, row, kpi, validations)
        end = _kpi_total(ws, first, first + len(kpis) - 1)
    else:
        put(ws, end, 1, label("no_kpis"), align=None)
    _review_end(ws, end + 2)
    print_setup(ws, widths=KPI_WIDTHS, title_rows=f"{KPI_HEADER_ROW}:{KPI_HEADER_ROW}",
                freeze=f"A{KPI_HEADER_ROW + 1}")


def _review_fields(ws, role):
    """Employee name and period to fill in, the position given, the evaluator to fill in."""
    for offset, (left, right) in enumerate((("employee_name", "position"), ("period", "evaluator"))):
        row = FIELDS_ROW + offset
        value = role.name if right == "position" else None
        line(ws, row, [(1, 1, label(left)), (2, 4, None), (6, 2, label(right)), (8, 5, value)], align=LABEL_ALIGN)
        for col in (2,) if value else (2, 8):
            ws.cell(row=row, column=col).fill = INPUT_FILL
        for col in (1, 6):
            ws.cell(row=row, column=col).font = BOLD


def _review_end(ws, row):
    """A comments box to fill in, then the employee's and the evaluator's signature and date lines."""
    last = len(KPI_COLUMNS)
    line(ws, row, [(1, 1, label("comment")), (2, last - 1, None)], align=LABEL_ALIGN)
    ws.cell(row=row, column=1).font = BOLD
    ws.cell(row=row, column=2).fill = INPUT_FILL
    ws.row_dimensions[row].height = 60
    half = last // 2
    for col, key in ((1, "employee_signature"), (half + 1, "evaluator_signature")):
        put(ws, row + 2, col, f"{label(key)}：______________________", font=BOLD, align=None)


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
        "threshold": _validation("whole", "0", "1000", "threshold_error"),
        "score": _validation("decimal", "0", str(EXCEEDED_POINTS), "score_error"),
    }
    for validation in validations.values():
        ws.add_data_validation(validation)
    return validations


def _kpi_values(kpi):
    """The typed-in columns of a KPI row (up to and including the blank actual)."""
    c = choice
    definition = kpi.definition
    if kpi.formula:
        definition = f"{definition}\n{label('formula_is', formula=kpi.formula)}" if definition else kpi.formula
    return {"kpi": kpi.name, "definition": definition, "unit": c(Unit, kpi.unit),
            "frequency": c(Frequency, kpi.frequency), "direction": c(Direction, kpi.direction),
            "weight": kpi.weight, "target": kpi.target, "threshold": kpi.threshold, "met": kpi.met_threshold,
            "exceeded": kpi.exceeded_threshold, "actual": None}


def _kpi_row(ws, row, kpi, validations):
    values = _kpi_values(kpi)
    for key, value in values.items():
        put(ws, row, _column(key), value, border=BOX, fill=INPUT_FILL if key in INPUT_KEYS else None,
            align=WRAP if key in ("kpi", "definition") else CENTER)
    fit_row(ws, row, {1: kpi.name, 2: values["definition"]})
    lower = kpi.direction == Direction.LOWER
    validations["actual_nonneg" if lower else "actual"].add(f"{COL['actual']}{row}")
    validations["target"].add(f"{COL['target']}{row}")
    validations["threshold"].add(f"{COL['threshold']}{row}:{COL['exceeded']}{row}")
    for key in (*SCORE_COLUMNS, "comment"):
        put(ws, row, _column(key), None, border=BOX, fill=INPUT_FILL, align=WRAP if key == "comment" else CENTER)
    validations["score"].add(f"{COL['self_score']}{row}:{COL['manager_score']}{row}")
    formula(ws, row, _column("attainment"), attainment_formula(row, lower=lower), fmt="0.0%")
    formula(ws, row, _column("score"), score_formula(row), font=BOLD, fmt="0.0")
    formula(ws, row, _column("result"), result_formula(row))


def _kpi_total(ws, first, last):
    """The weighted totals of the computed, self and manager scores; returns the total's row."""
    row = last + 1
    for col in range(1, len(KPI_COLUMNS) + 1):
        put(ws, row, col, None, fill=TOTAL_FILL, border=BOX)
    put(ws, row, 1, label("weighted_total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    formula(ws, row, _column("weight"), weight_sum_formula(first, last), font=BOLD, fill=TOTAL_FILL)
    for key in ("score", *SCORE_COLUMNS):
        formula(ws, row, _column(key), total_formula(first, last, key), font=BOLD, fill=TOTAL_FILL, fmt="0.0")
    scores = f"{COL['score']}{first}:{COL['score']}{last}"
    rules = (("greaterThanOrEqual", [str(EXCEEDED_POINTS)], "xl-exceeded"),
             ("between", [str(MET_POINTS), str(EXCEEDED_POINTS)], "xl-met"),
             ("lessThan", [str(MET_POINTS)], "xl-not-met"))
    for operator, values, colour in rules:
        ws.conditional_formatting.add(scores, CellIsRule(operator=operator, formula=values, fill=solid(colour),
                                                         stopIfTrue=True))
    return row
