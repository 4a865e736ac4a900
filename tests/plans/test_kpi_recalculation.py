"""The KPI workbook's scores as LibreOffice computes them, and the review fields HR hands out."""
from decimal import Decimal

import pytest
from django.utils import translation

from plans.exports.formulas import COL
from plans.exports.kpi_sheets import build_kpi_workbook
from plans.exports.labels import label
from plans.models import PlanKPI

from .libreoffice import needs_libreoffice, recalculated
from .workbooks import KPI_FIRST_ROW, growth_plan, kpi_rows, loaded, plan, reopen, texts  # noqa: F401 (fixtures)

# --- Computed by a real spreadsheet --------------------------------------------------------------------------------
# Expected numbers are worked out by hand from the rules: attainment = actual ÷ target, or target ÷ actual when lower
# is better; p = attainment in percent; score = 0 below the threshold T, 60 + (p − T) ÷ (M − T) × 40 from T to the
# met point M, 100 + (p − M) ÷ (X − M) × 20 from M to the exceeded point X, 120 from X on; rounded to 0.1;
# total = Σ weight × score ÷ 100. Each case: name, direction, weight, target, threshold %, met %, exceeded %,
# actual → attainment, score, result.
CASES = [
    ("exceeded", "higher", 30, 100, 80, 100, 120, 130, 1.30, 120, "超额达成"),    # 130 % ≥ 120 %: capped
    ("met, at the met point", "higher", 20, 50, 80, 90, 110, 45, 0.90, 100, "达成"),  # 45 ÷ 50 = 90 % = M
    ("below the threshold", "higher", 20, 10, 80, 100, 120, 5, 0.50, 0, "未达成"),  # 5 ÷ 10 = 50 % < 80 %
    ("lower is better", "lower", 20, 20, 80, 100, 120, 16, 1.25, 120, "超额达成"),  # 20 ÷ 16 = 125 %
    ("empty actual", "higher", 10, 80, 80, 100, 120, None, None, None, None),
]
CASES_TOTAL = (30 * 120 + 20 * 100 + 20 * 0 + 20 * 120) / 100  # 80.0; the empty actual adds nothing

EDGE_CASES = [
    ("lower, actual 0", "lower", 20, 5, 80, 100, 150, 0, 1.50, 120, "超额达成"),  # counts as the exceeded point
    ("lower, target and actual 0", "lower", 20, 0, 80, 100, 120, 0, 1.00, 100, "达成"),
    ("higher, target 0", "higher", 20, 0, 80, 100, 120, 7, None, None, None),  # no ratio to a target of 0
    # 10 ÷ 11 = 90.909 %: 100 + 0.909 ÷ 30 × 20 = 100.606 → 100.6
    ("lower, just met", "lower", 20, 10, 80, 90, 120, 11, 10 / 11, 100.6, "达成"),
    ("lower, not met", "lower", 20, 10, 80, 100, 120, 20, 0.50, 0, "未达成"),     # 10 ÷ 20 = 50 %
]
EDGE_TOTAL = (20 * 120 + 20 * 100 + 20 * 100.6 + 20 * 0) / 100  # 64.12

# The band at 98 %, 100 % and 125 % of the target (T 80, M 100, X 120), and a KPI with a band of its own.
BAND_CASES = [
    ("98 % of target", "higher", 20, 1000, 80, 100, 120, 980, 0.98, 96, "未达成"),  # 60 + 18 ÷ 20 × 40 = 96
    ("100 % of target", "higher", 20, 1000, 80, 100, 120, 1000, 1.00, 100, "达成"),  # the met point: 100
    ("125 % of target", "higher", 20, 1000, 80, 100, 120, 1250, 1.25, 120, "超额达成"),  # past the cap: 120
    ("110 % of target", "higher", 20, 1000, 80, 100, 120, 1100, 1.10, 110, "达成"),  # 100 + 10 ÷ 20 × 20 = 110
    # its own band, T 50 · M 100 · X 150: 125 % → 100 + 25 ÷ 50 × 20 = 110
    ("own band, 125 %", "higher", 20, 1000, 50, 100, 150, 1250, 1.25, 110, "达成"),
]
BAND_TOTAL = (20 * 96 + 20 * 100 + 20 * 120 + 20 * 110 + 20 * 110) / 100  # 107.2


def set_up_kpis(role, cases):
    """Give the role's KPIs the cases' direction, weight, target and thresholds; return the actuals."""
    kpis = list(role.kpis.all())
    assert len(kpis) == len(cases), "the cases cover every KPI of the role, so the weights add up to 100"
    for kpi, (_name, direction, weight, target, threshold, met, exceeded, *_rest) in zip(kpis, cases, strict=True):
        kpi.direction, kpi.weight, kpi.target = direction, weight, Decimal(target)
        kpi.threshold, kpi.met_threshold, kpi.exceeded_threshold = threshold, met, exceeded
    PlanKPI.objects.bulk_update(kpis, ["direction", "weight", "target", "threshold", "met_threshold",
                                       "exceeded_threshold"])


def type_actuals(ws, cases):
    for row, case in enumerate(cases, start=KPI_FIRST_ROW):
        ws[f"{COL['actual']}{row}"] = case[7]


def blank_as_none(value):
    return None if value == "" else value


def computed(ws, row):
    return tuple(blank_as_none(ws[f"{COL[key]}{row}"].value) for key in ("attainment", "score", "result"))


def assert_computed(ws, cases, total):
    for row, (name, *_given, attainment, score, result) in enumerate(cases, start=KPI_FIRST_ROW):
        got = computed(ws, row)
        expected_attainment = None if attainment is None else pytest.approx(attainment, rel=1e-9)
        expected_score = None if score is None else pytest.approx(score)
        assert got == (expected_attainment, expected_score, result), name
    total_row = KPI_FIRST_ROW + len(cases)
    assert ws[f"A{total_row}"].value == label("weighted_total")
    assert ws[f"{COL['weight']}{total_row}"].value == 100
    assert ws[f"{COL['score']}{total_row}"].value == pytest.approx(total)


@needs_libreoffice
@pytest.mark.parametrize(("cases", "total"), [(CASES, CASES_TOTAL), (EDGE_CASES, EDGE_TOTAL),
                                             (BAND_CASES, BAND_TOTAL)], ids=["cases", "edges", "band"])
def test_libreoffice_computes_attainment_score_result_and_total(growth_plan, tmp_path, cases, total):
    role = growth_plan.staffed_roles()[0]
    set_up_kpis(role, cases)
    workbook = build_kpi_workbook(loaded(growth_plan))
    type_actuals(workbook.worksheets[0], cases)

    (book,) = recalculated(tmp_path, workbook)

    assert_computed(book.worksheets[0], cases, total)


@needs_libreoffice
def test_libreoffice_leaves_an_unscored_sheet_blank_and_speaks_english(growth_plan, tmp_path):
    role = growth_plan.staffed_roles()[0]
    set_up_kpis(role, CASES)
    chinese = build_kpi_workbook(loaded(growth_plan))
    with translation.override("en"):
        english = build_kpi_workbook(loaded(growth_plan))
    type_actuals(english.worksheets[0], CASES)

    untouched, english = recalculated(tmp_path, chinese, english)

    ws = untouched.worksheets[0]
    assert all(computed(ws, row) == (None, None, None) for row in range(KPI_FIRST_ROW, KPI_FIRST_ROW + len(CASES)))
    total_row = KPI_FIRST_ROW + len(CASES)
    assert ws[f"{COL['score']}{total_row}"].value in (None, "")  # no score yet, no total
    assert ws[f"{COL['weight']}{total_row}"].value == 100
    results = [computed(english.worksheets[0], row)[2] for row in range(KPI_FIRST_ROW, total_row)]
    assert results == ["Exceeded", "Met", "Not met", "Exceeded", None]


def test_kpi_sheets_are_ready_for_a_real_review(plan):
    """Who, which period, who evaluates; self and manager scores and comments per KPI; signature and date lines."""
    for ws, role in zip(reopen(build_kpi_workbook(plan)).worksheets, plan.staffed_roles(), strict=True):
        values = texts(ws)
        for key in ("employee_name", "position", "period", "evaluator", "self_score", "manager_score", "comment"):
            assert label(key) in values
        assert role.name_zh in values  # the position is filled in
        assert any(value.startswith(label("employee_signature")) for value in values)
        assert any(value.startswith(label("evaluator_signature")) for value in values)
        rows = kpi_rows(ws)
        for key in ("self_score", "manager_score", "comment"):
            assert all(ws[f"{COL[key]}{row}"].fill.fgColor.rgb.endswith("FFF2CC") for row in rows)
        assert ws[f"{COL['manager_score']}{rows[-1] + 1}"].value.startswith("=IF(COUNT(")
        assert not any("处罚" in value or "无奖金" in value for value in values)
        assert "试运行期：不设扣减档。得分用于复盘和改进打法。" in values

