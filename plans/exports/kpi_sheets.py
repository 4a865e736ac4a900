"""考核表 (KPI sheets): one sheet per staffed role, input cells for the actuals, formulas for the scores.

The scoring is explained in ``formulas``. In the launch phase (``plan.penalties_apply`` is False) each sheet
says that no penalty tier applies while the private-domain business is being tested.
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
    NOT_MET_POINTS,
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
    NOTE_FILL,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    WRAP,
    fit_row,
    formula,
    header,
    print_setup,
    put,
    set_widths,
    solid,
    wide_text,
)
from .team import teams

KPI_WIDTHS = (20, 38, 8, 9, 10, 9, 11, 11, 11, 12, 10, 8, 10)
KPI_HEADER_ROW = 5
NUMBER_LIMIT = "1000000000000"
INPUT_KEYS = ("target", "actual")
SCORE_FILLS = ((EXCEEDED_POINTS, "xl-exceeded"), (MET_POINTS, "xl-met"), (NOT_MET_POINTS, "xl-not-met"))


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
    wide_text(ws, 3, label("scoring"), last)
    if not team.plan.penalties_apply:
        wide_text(ws, 4, label("no_penalty"), last, font=BOLD, fill=NOTE_FILL)
    header(ws, KPI_HEADER_ROW, [label(key) for key in KPI_COLUMNS])
    kpis = list(role.kpis.all())
    if kpis:
        first = KPI_HEADER_ROW + 1
        validations = _kpi_validations(ws)
        for row, kpi in enumerate(kpis, start=first):
            _kpi_row(ws, row, kpi, validations)
        _kpi_total(ws, first, first + len(kpis) - 1)
    else:
        put(ws, KPI_HEADER_ROW + 1, 1, label("no_kpis"), align=None)
    print_setup(ws, widths=KPI_WIDTHS, title_rows=f"{KPI_HEADER_ROW}:{KPI_HEADER_ROW}",
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


def _kpi_values(kpi):
    """The typed-in columns of a KPI row (up to and including the blank actual)."""
    c = choice
    definition = kpi.definition
    if kpi.formula:
        definition = f"{definition}\n{label('formula_is', formula=kpi.formula)}" if definition else kpi.formula
    return {"kpi": kpi.name, "definition": definition, "unit": c(Unit, kpi.unit),
            "frequency": c(Frequency, kpi.frequency), "direction": c(Direction, kpi.direction),
            "weight": kpi.weight, "target": kpi.target, "met": kpi.met_threshold,
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
    validations["threshold"].add(f"{COL['met']}{row}:{COL['exceeded']}{row}")
    formula(ws, row, _column("attainment"), attainment_formula(row, lower=lower), fmt="0.0%")
    formula(ws, row, _column("score"), score_formula(row), font=BOLD, fmt="0")
    formula(ws, row, _column("result"), result_formula(row))


def _kpi_total(ws, first, last):
    row = last + 1
    for col in range(1, len(KPI_COLUMNS) + 1):
        put(ws, row, col, None, fill=TOTAL_FILL, border=BOX)
    put(ws, row, 1, label("weighted_total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    formula(ws, row, _column("weight"), weight_sum_formula(first, last), font=BOLD, fill=TOTAL_FILL)
    formula(ws, row, _column("score"), total_formula(first, last), font=BOLD, fill=TOTAL_FILL, fmt="0.0")
    scores = f"{COL['score']}{first}:{COL['score']}{last}"
    for points, colour in SCORE_FILLS:
        ws.conditional_formatting.add(scores, CellIsRule(operator="equal", formula=[str(points)],
                                                         fill=solid(colour)))
