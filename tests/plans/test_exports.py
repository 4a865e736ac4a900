"""The Excel files HR hands out, read back with openpyxl; the scores as LibreOffice computes them."""
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from common.choices import Phase
from common.spreadsheet import unescape_formula
from kpis.choices import Direction
from plans.exports.downloads import workbook_bytes
from plans.exports.formulas import COL, KPI_COLUMNS
from plans.exports.kpi_sheets import KPI_HEADER_ROW, build_kpi_workbook
from plans.exports.labels import choice, label
from plans.exports.role_specs import build_role_spec_workbook
from plans.exports.sheets import safe_sheet_title
from plans.exports.styles import cell_text
from plans.models import PlanKPI, TeamPlan
from plans.services import plan_role_add
from teams.choices import Placement
from teams.models import Role

from .libreoffice import needs_libreoffice, recalculated

NASTY_NAME = "[华东]:区域*集团?/品牌\\旗舰店'有限公司'——私域团队设计示例超长名称一二三四五六七八九十"
CJK = re.compile(r"[\u4e00-\u9fff]")
KPI_FIRST_ROW = KPI_HEADER_ROW + 1
A4 = 9  # paperSize code in the file


def loaded(plan):
    return TeamPlan.objects.with_team().get(pk=plan.pk)


def reopen(workbook):
    return load_workbook(BytesIO(workbook_bytes(workbook)))


def texts(ws):
    return [cell.value for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]


def column(ws, letter, first, last):
    return [ws[f"{letter}{row}"].value for row in range(first, last + 1)]


def kpi_rows(ws):
    """Row numbers of the KPI lines on a KPI sheet (those with a score formula, the weighted total aside)."""
    score = COL["score"]
    rows = [row for row in range(KPI_FIRST_ROW, ws.max_row + 1)
            if ws[f"{score}{row}"].data_type == "f" and ws[f"A{row}"].value != label("weighted_total")]
    assert rows == list(range(KPI_FIRST_ROW, KPI_FIRST_ROW + len(rows)))
    return rows


@pytest.fixture
def plan(make_plan, manager):
    """Launch phase, small retail: data analysis is merged into the lead, so the lead carries absorbed duties."""
    return loaded(make_plan(manager))


@pytest.fixture
def growth_plan(make_plan, manager):
    return loaded(make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth"))


# --- Role specifications, HR copy (the candidate copy: test_candidate_copy.py) -------------------------------------
def test_overview_lists_every_role_with_the_total_headcount(plan):
    ws = reopen(build_role_spec_workbook(plan, hr=True)).worksheets[0]

    assert ws.title == label("overview") and CJK.search(ws.title)
    headers = column(ws, "A", 3, 3) + [ws.cell(row=3, column=col).value for col in range(2, 9)]
    assert headers == [label(key) for key in ("no", "role", "tier", "requirement", "headcount",
                                                      "reports_to", "note", "source")]
    role_rows = [row for row in range(4, ws.max_row + 1) if isinstance(ws[f"A{row}"].value, int)]
    roles = list(plan.roles.all())
    assert [ws[f"B{row}"].value for row in role_rows] == [role.name_zh for role in roles]
    assert [ws[f"E{row}"].value for row in role_rows] == [role.headcount for role in roles]
    lead_row = role_rows[[role.code for role in roles].index("lead")]
    placement = choice(Placement, plan.placement)
    assert ws[f"F{lead_row}"].value == label("the_placement", placement=placement)
    assert placement in {"市场部", "用户运营部"}
    total_row = next(row for row in range(4, ws.max_row + 1) if ws[f"B{row}"].value == label("total_headcount"))
    assert total_row == role_rows[-1] + 1
    assert ws[f"E{total_row}"].value == plan.total_headcount == sum(role.headcount for role in roles)
    merged = next(role for role in roles if role.merged_into_id)
    merged_row = role_rows[roles.index(merged)]
    assert ws[f"E{merged_row}"].value == 0
    assert merged.merged_into.name_zh in ws[f"G{merged_row}"].value
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"


def test_one_sheet_per_staffed_role_with_duties_capabilities_and_kpis(plan):
    workbook = reopen(build_role_spec_workbook(plan, hr=True))

    staffed = plan.staffed_roles()
    assert len(staffed) < len(plan.roles.all())  # merged roles get no sheet of their own
    assert len(workbook.worksheets) == 1 + len(staffed)
    for ws, role in zip(workbook.worksheets[1:], staffed, strict=True):
        assert ws["A1"].value.startswith(role.name_zh)
        values = texts(ws)
        assert all(duty["zh"] in values for duty in role.duties)
        assert all(capability["zh"] in values for capability in role.capabilities)
        assert all(kpi.name_zh in values for kpi in role.kpis.all())
        assert ws.freeze_panes == "A3"
        assert ws.page_setup.paperSize == A4
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_absorbed_duties_are_marked_with_the_role_they_came_from(plan):
    lead = next(role for role in plan.roles.all() if role.code == "lead")
    absorbed = [duty for duty in lead.duties if duty.get("from")]
    assert absorbed, "the launch plan merges data analysis into the lead"
    ws = reopen(build_role_spec_workbook(plan, hr=True))[lead.name_zh]

    for duty in absorbed:
        row = next(cell.row for cell in ws["B"] if cell.value == duty["zh"])
        assert ws[f"H{row}"].value == duty["from_zh"]
    assert any(value == label("absorbed") for value in texts(ws))


def test_role_sheet_kpi_table_has_weights_units_frequency_and_formula(growth_plan):
    role = growth_plan.staffed_roles()[0]
    ws = reopen(build_role_spec_workbook(growth_plan, hr=True)).worksheets[1]

    header = next(cell.row for cell in ws["B"] if cell.value == label("kpi"))
    assert [ws.cell(row=header, column=col).value for col in range(1, 10)] == [
        label(key) for key in ("no", "kpi", "weight", "unit", "frequency", "direction", "definition",
                                       "formula", "source")]
    kpis = list(role.kpis.all())
    rows = range(header + 1, header + 1 + len(kpis))
    assert [ws[f"B{row}"].value for row in rows] == [kpi.name_zh for kpi in kpis]
    assert sum(ws[f"C{row}"].value for row in rows) == 100
    assert [ws[f"H{row}"].value for row in rows] == [kpi.formula_zh for kpi in kpis]
    assert ws[f"D{header + 1}"].value  # a unit, e.g. 人 or %
    assert ws[f"C{header + 1 + len(kpis)}"].value == 100


def test_several_plans_in_one_role_spec_workbook(plan, growth_plan):
    workbook = reopen(build_role_spec_workbook([plan, growth_plan], hr=True))

    overview = texts(workbook.worksheets[0])
    assert any(value.startswith("示例品牌 · ") for value in overview)
    assert any(value.startswith("成长品牌 · ") for value in overview)
    assert len(workbook.worksheets) == 1 + len(plan.staffed_roles()) + len(growth_plan.staffed_roles())
    assert workbook.worksheets[1].title.startswith("示例品牌·")
    assert workbook.worksheets[-1].title.startswith("成长品牌·")


# --- KPI sheets ----------------------------------------------------------------------------------------------------
def test_kpi_workbook_has_a_sheet_per_staffed_role_with_weights_summing_to_100(growth_plan):
    workbook = reopen(build_kpi_workbook(growth_plan))

    staffed = growth_plan.staffed_roles()
    assert len(workbook.worksheets) == len(staffed)
    for ws, role in zip(workbook.worksheets, staffed, strict=True):
        header = [ws.cell(row=KPI_HEADER_ROW, column=col).value for col in range(1, len(KPI_COLUMNS) + 1)]
        assert header == [label(key) for key in KPI_COLUMNS]
        rows = kpi_rows(ws)
        kpis = list(role.kpis.all())
        assert column(ws, "A", rows[0], rows[-1]) == [kpi.name_zh for kpi in kpis]
        assert sum(column(ws, COL["weight"], rows[0], rows[-1])) == 100
        assert column(ws, COL["threshold"], rows[0], rows[-1]) == [kpi.threshold for kpi in kpis]
        assert column(ws, COL["met"], rows[0], rows[-1]) == [kpi.met_threshold for kpi in kpis]
        assert column(ws, COL["exceeded"], rows[0], rows[-1]) == [kpi.exceeded_threshold for kpi in kpis]


def test_scores_and_the_weighted_total_are_formulas(growth_plan):
    """What the formulas compute is proved by LibreOffice below; here: they are formulas, in the right cells."""
    ws = reopen(build_kpi_workbook(growth_plan)).worksheets[0]
    rows = kpi_rows(ws)
    first, last = rows[0], rows[-1]

    exceeded, met, not_met = (label(f"tier_{key}") for key in ("exceeded", "met", "not_met"))
    assert (exceeded, met, not_met) == ("超额达成", "达成", "未达成")
    total = last + 1
    assert ws[f"A{total}"].value == label("weighted_total")
    assert all(ws[f"{COL[key]}{row}"].data_type == "f" for row in rows for key in ("attainment", "score", "result"))
    assert all(ws[f"{COL[key]}{total}"].data_type == "f" for key in ("weight", "score", "self_score", "manager_score"))
    assert ws[f"{COL['attainment']}{first}"].number_format == "0.0%"
    assert ws[f"{COL['score']}{total}"].number_format == "0.0"


def test_lower_is_better_kpis_are_marked(growth_plan):
    role = growth_plan.staffed_roles()[0]
    kpi = role.kpis.all()[0]
    PlanKPI.objects.filter(pk=kpi.pk).update(direction="lower", target=Decimal("20"))
    ws = reopen(build_kpi_workbook(loaded(growth_plan))).worksheets[0]

    row = KPI_FIRST_ROW
    assert ws[f"{COL['target']}{row}"].value == 20
    assert ws[f"{COL['direction']}{row}"].value == choice(Direction, "lower") != choice(Direction, "higher")


def test_actual_column_only_takes_numbers(growth_plan):
    ws = reopen(build_kpi_workbook(growth_plan)).worksheets[0]
    rows = kpi_rows(ws)

    letter = COL["actual"]
    actual = [dv for dv in ws.data_validations.dataValidation if f"{letter}{rows[0]}" in dv.sqref]
    assert len(actual) == 1
    dv = actual[0]
    assert dv.type == "decimal" and dv.showErrorMessage and dv.errorStyle == "stop"
    assert dv.error == label("actual_error") and dv.errorTitle
    assert all(any(f"{letter}{row}" in v.sqref for v in ws.data_validations.dataValidation if v.type == "decimal")
               for row in rows)
    assert ws[f"{letter}{rows[0]}"].fill.fgColor.rgb.endswith("FFF2CC")  # an input cell


def test_kpi_sheet_layout_freeze_and_print_setup(growth_plan):
    ws = reopen(build_kpi_workbook(growth_plan)).worksheets[0]

    assert ws.freeze_panes == f"A{KPI_FIRST_ROW}"
    assert ws.page_setup.paperSize == A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["B"].width >= 30
    assert ws[f"B{KPI_FIRST_ROW}"].alignment.wrap_text
    assert ws.cell(row=KPI_HEADER_ROW, column=1).font.b
    assert ws.cell(row=KPI_HEADER_ROW, column=1).fill.fgColor.rgb.endswith("DDEBF7")


def test_launch_sheets_say_no_penalty_tier_applies(plan, growth_plan):
    assert not plan.penalties_apply and growth_plan.penalties_apply
    note = label("no_penalty")
    assert CJK.search(note)

    for ws in reopen(build_kpi_workbook(plan)).worksheets:
        assert note in texts(ws)
    for ws in reopen(build_kpi_workbook(growth_plan)).worksheets:
        assert note not in texts(ws)
        assert label("scoring") in texts(ws)


# --- Titles, languages, escaping -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("title", "expected"), [
    ("私域操盘手", "私域操盘手"),
    ("a[b]c:d*e?f/g\\h", "a(b)c-d_e_f-g-h"),
    ("'quoted'", "quoted"),
    ("", None),
    ("[]", "()"),
    ("   ", None),
    ("''", None),
    ("History", "History_"),
    ("x" * 40, "x" * 31),
])
def test_safe_sheet_title(title, expected):
    assert safe_sheet_title(title, set()) == (expected or label("sheet"))


def test_safe_sheet_titles_are_unique_and_short():
    used = set()
    long = "用户运营（社群/客户运营）" * 4
    titles = [safe_sheet_title(name, used) for name in ["Lead", "lead", "LEAD", long, long, "Lead (2)"]]

    assert titles[:3] == ["Lead", "lead (2)", "LEAD (3)"]
    assert len({title.casefold() for title in titles}) == len(titles)
    assert titles[5] == "Lead (2) (2)"
    for title in titles:
        assert 0 < len(title.encode("utf-16-le")) // 2 <= 31
        assert not re.search(r"[\[\]:*?/\\]", title)
        assert not title.startswith("'") and not title.endswith("'")
    assert titles[4].endswith(" (2)") and titles[4][:-4] == titles[3][:27].rstrip()
    emoji = safe_sheet_title("🙂" * 20, set())
    assert len(emoji.encode("utf-16-le")) // 2 <= 31


def test_nasty_long_company_names_export_fine(make_plan, manager):
    first = loaded(make_plan(manager, company_name=NASTY_NAME))
    second = loaded(make_plan(manager, company_name=NASTY_NAME))
    assert len(NASTY_NAME) > 31

    for build in (build_role_spec_workbook, build_kpi_workbook):
        workbook = reopen(build([first, second]))
        titles = workbook.sheetnames
        assert len({title.casefold() for title in titles}) == len(titles)
        for title in titles:
            assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title)
            assert not title.startswith("'") and not title.endswith("'")
        assert any(value.startswith(NASTY_NAME) for ws in workbook.worksheets for value in texts(ws))


def test_chinese_text_is_intact(plan):
    lead = next(role for role in plan.roles.all() if role.code == "lead")
    workbook = reopen(build_role_spec_workbook(plan, hr=True))
    ws = workbook[lead.name_zh]

    values = texts(ws)
    assert lead.summary_zh in values
    assert lead.duties[0]["zh"] in values
    assert f"{lead.name_zh} · {label('role_specs')}" == ws["A1"].value
    assert CJK.search(label("duties")) and CJK.search(label("role_specs"))
    assert choice(Phase, "launch") in ws["A2"].value


def test_english_when_the_language_is_english(plan):
    lead = next(role for role in plan.roles.all() if role.code == "lead")
    with translation.override("en"):
        role_specs = reopen(build_role_spec_workbook(plan, hr=True))
        kpi_sheets = reopen(build_kpi_workbook(plan))
        assert label("role") == "Role"

    overview = role_specs.worksheets[0]
    assert overview.title == "Overview"
    assert [overview.cell(row=3, column=col).value for col in range(1, 9)] == [
        "No.", "Role", "Tier", "Requirement", "Headcount", "Reports to", "Note", "Source"]
    ws = role_specs[lead.name_en]
    values = texts(ws)
    assert lead.duties[0]["en"] in values and lead.summary_en in values
    assert "Launch" in ws["A2"].value
    kpi_ws = kpi_sheets[lead.name_en]
    assert kpi_ws.cell(row=KPI_HEADER_ROW, column=KPI_COLUMNS.index("actual") + 1).value == "Actual"
    assert '"Exceeded"' in kpi_ws[f"{COL['result']}{KPI_FIRST_ROW}"].value
    assert not any(CJK.search(value) for value in [kpi_ws["A1"].value, ws["A1"].value])


def test_user_text_is_never_exported_as_a_formula(make_plan, manager):
    plan = loaded(make_plan(manager, company_name="=cmd()"))
    own = re.compile(r"^=(IF|SUM)\(")

    for build in (build_role_spec_workbook, build_kpi_workbook):
        workbook = reopen(build(plan))
        cells = [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]
        formulas = [cell.value for cell in cells if cell.data_type == "f"]
        assert all(own.match(formula) and "cmd" not in formula for formula in formulas)
        assert any(cell.value.startswith("'=cmd()") for cell in cells if isinstance(cell.value, str))
        assert not any(cell.value.startswith(" =cmd()") for cell in cells if isinstance(cell.value, str))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x"])
def test_cell_text_escapes_formula_prefixes(value):
    """The app's one rule (common.spreadsheet): a leading apostrophe, which spreadsheets read as "text"."""
    assert cell_text(value) == "'" + value
    assert unescape_formula(cell_text(value)) == value


def test_cell_text_drops_characters_xml_cannot_hold():
    assert cell_text("a\x00b\x1fc") == "abc"
    assert cell_text("普通文本") == "普通文本"


# --- Queries -------------------------------------------------------------------------------------------------------
def queries_to_export(plan_pk):
    with CaptureQueriesContext(connection) as context:
        plan = TeamPlan.objects.with_team().get(pk=plan_pk)
        build_role_spec_workbook(plan)
        build_kpi_workbook([plan])
    return len(context), plan


def test_query_count_does_not_grow_with_the_plan(make_plan, manager, django_assert_num_queries):
    small = make_plan(manager, employees=20)
    big = make_plan(manager, company_name="大品牌", employees=5000, industry="ecommerce", phase="mature",
                    live_streaming=True, business_lines=3)
    present = set(big.roles.values_list("code", flat=True))
    for role in Role.objects.exclude(code__in=present):
        plan_role_add(plan=big, role=role)

    small_queries, small_plan = queries_to_export(small.pk)
    big_queries, big_plan = queries_to_export(big.pk)
    assert len(big_plan.roles.all()) == Role.objects.count() > len(small_plan.roles.all())
    assert big_queries == small_queries
    with django_assert_num_queries(0):
        build_role_spec_workbook(big_plan)
        build_kpi_workbook(big_plan)


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
