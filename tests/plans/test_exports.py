"""The Excel files HR hands out, read back with openpyxl; the scores as LibreOffice computes them."""
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from common.choices import Phase
from common.spreadsheet import unescape_formula
from kpis.choices import Direction
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

from .workbooks import (  # noqa: F401 (fixtures)
    A4,
    CJK,
    KPI_FIRST_ROW,
    NASTY_NAME,
    column,
    growth_plan,
    kpi_rows,
    loaded,
    plan,
    reopen,
    texts,
)


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
