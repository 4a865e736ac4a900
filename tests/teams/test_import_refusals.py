"""Excel/CSV import of the library refused whole: a bad cell, a broken rule, a missing or spaced column, a repeated
code, role KPI weights off 100 — naming the row and column, writing nothing."""
import pytest
import tablib
from import_export.formats.base_formats import CSV

from kpis.resources import KPITemplateResource
from teams.models import Role, RoleKPI
from teams.resources import (
    DutyResource,
    PlacementRuleResource,
    RoleKPIResource,
    RoleResource,
    SizeThresholdResource,
    StaffingRuleResource,
)
from tests.teams.library_files import (
    FORMATS,
    broken_file,
    import_dataset,
    problems,
    read_file,
    set_cell,
    snapshot,
    touch_harmless_cell,
)

# --- broken files are refused whole ------------------------------------------------------------------------

BROKEN_CELLS = [
    pytest.param(DutyResource, 2, "role", "nope", "nope", id="unknown-role-code-in-duty"),
    pytest.param(StaffingRuleResource, 3, "role", "ghost_role", "ghost_role", id="unknown-role-code-in-staffing-rule"),
    pytest.param(StaffingRuleResource, 1, "merged_into", "ghost_role", "ghost_role", id="unknown-merge-target"),
    pytest.param(RoleKPIResource, 4, "kpi", "no_such_kpi", "no_such_kpi", id="unknown-kpi-code"),
    pytest.param(RoleKPIResource, 5, "weight", "abc", "abc", id="weight-not-a-number"),
    pytest.param(StaffingRuleResource, 2, "priority", "x", "“x”", id="priority-not-a-number"),
    pytest.param(StaffingRuleResource, 2, "headcount_max", "1.5", "1.5", id="headcount-not-whole"),
    pytest.param(RoleResource, 1, "tier", "sideways", "sideways", id="invalid-tier"),
    pytest.param(KPITemplateResource, 3, "unit", "bogus", "bogus", id="invalid-unit"),
    pytest.param(KPITemplateResource, 2, "phases", "launch,someday", "someday", id="invalid-phase-in-list"),
    pytest.param(PlacementRuleResource, 1, "industries", "retail,moon", "moon", id="invalid-industry-in-list"),
    pytest.param(RoleResource, 2, "is_core", "maybe", "maybe", id="bad-yes-no"),
    pytest.param(StaffingRuleResource, 4, "is_active", "perhaps", "perhaps", id="bad-yes-no-in-rule"),
    pytest.param(SizeThresholdResource, 1, "min_employees", "many", "many", id="threshold-not-a-number"),
]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("resource", "row_index", "column", "bad_value", "named"), BROKEN_CELLS)
def test_a_file_with_one_bad_cell_is_refused_naming_row_and_column_and_nothing_is_written(
    db, file_format, resource, row_index, column, bad_value, named
):
    before = snapshot()
    dataset = broken_file(resource, file_format, row_index, column, bad_value)

    result = import_dataset(resource, dataset)

    assert result.has_errors() or result.has_validation_errors()
    found = problems(result)
    assert [(row, col) for row, col, _ in found] == [(row_index + 2, column)]  # Excel: the header is row 1, found
    assert named in found[0][2]
    assert snapshot() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_staffing_rows_that_break_a_rule_constraint_name_the_column_to_fix(db, file_format):
    before = snapshot()
    dataset = StaffingRuleResource().export()
    actions = dataset["action"]
    staff, merge = actions.index("staff"), actions.index("merge")
    set_cell(dataset, staff, "headcount_min", "3")
    set_cell(dataset, staff, "headcount_max", "2")
    set_cell(dataset, merge, "merged_into", "")

    result = import_dataset(StaffingRuleResource, read_file(file_format().export_data(dataset), file_format))

    found = problems(result)
    assert sorted((row, column) for row, column, _ in found) == sorted([(staff + 2, "headcount_max"),
                                                                       (merge + 2, "merged_into")]), found
    assert "3" in dict(((r, c), m) for r, c, m in found)[(staff + 2, "headcount_max")]
    assert not any("staffing_" in message for *_, message in found), "a constraint name is no message"
    assert snapshot() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_file_missing_a_column_is_refused_naming_the_column(db, file_format):
    before = snapshot()
    dataset = RoleResource().export()
    touch_harmless_cell(RoleResource, dataset, 0)
    del dataset["tier"]

    result = import_dataset(RoleResource, read_file(file_format().export_data(dataset), file_format))

    assert result.has_errors()
    found = problems(result)
    assert len(found) == 1 and "tier" in found[0][2], found
    assert snapshot() == before


def with_spaced_headers(dataset, names):
    spaced = tablib.Dataset(*dataset, headers=[f" {h} " if h in names else h for h in dataset.headers])
    return read_file(CSV().export_data(spaced), CSV)


def test_a_header_with_stray_spaces_is_still_read_not_silently_ignored(db):
    dataset = RoleResource().export()
    set_cell(dataset, 0, "name_en", "Head of private domain")
    code = dataset[0][0]
    broken = RoleResource().export()
    set_cell(broken, 0, "name_en", "Head of private domain")
    set_cell(broken, 1, "tier", "sideways")

    refused = import_dataset(RoleResource, with_spaced_headers(broken, {"name_en", "tier"}))
    assert [(row, col) for row, col, _ in problems(refused)] == [(3, "tier")]
    assert Role.objects.get(code=code).name_en != "Head of private domain"

    accepted = import_dataset(RoleResource, with_spaced_headers(dataset, {"name_en", "tier"}))
    assert problems(accepted) == []
    assert Role.objects.get(code=code).name_en == "Head of private domain"


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_file_repeating_a_code_is_refused_naming_both_rows(db, file_format):
    before = snapshot()
    dataset = RoleResource().export()
    touch_harmless_cell(RoleResource, dataset, 1)
    copy = list(dataset[0])
    copy[dataset.headers.index("name_en")] = "A second lead"
    dataset.append(copy)

    result = import_dataset(RoleResource, read_file(file_format().export_data(dataset), file_format))

    assert result.has_errors()
    [(_, _, message)] = problems(result)
    assert f"2, {len(dataset) + 1}" in message and "code" in message and dataset[0][0] in message
    assert snapshot() == before


def test_a_duty_file_repeating_role_and_order_is_refused(db):
    before = snapshot()
    dataset = DutyResource().export()
    dataset.append(list(dataset[0]))

    result = import_dataset(DutyResource, dataset)

    assert result.has_errors()
    assert "role + order" in problems(result)[0][2]
    assert snapshot() == before


def test_every_bad_cell_in_a_file_is_reported_not_just_the_first(db):
    dataset = RoleResource().export()
    set_cell(dataset, 0, "tier", "sideways")
    set_cell(dataset, 3, "order", "third")

    found = problems(import_dataset(RoleResource, dataset))

    assert {(row, col) for row, col, _ in found} == {(2, "tier"), (5, "order")}


# --- role KPI weights ----------------------------------------------------------------------------------------

def role_kpi_rows(dataset, role_code):
    return [i for i, row in enumerate(dataset) if row[dataset.headers.index("role")] == role_code]


def test_a_role_kpi_file_leaving_a_role_off_100_is_refused_whole(db):
    before = snapshot()
    dataset = RoleKPIResource().export()
    lead_rows = role_kpi_rows(dataset, "lead")
    first = lead_rows[0]
    set_cell(dataset, first, "weight", str(int(dataset[first][dataset.headers.index("weight")]) + 5))
    touch_harmless_cell(RoleKPIResource, dataset, role_kpi_rows(dataset, "content")[0])

    result = import_dataset(RoleKPIResource, dataset)

    assert result.has_errors()
    [(_, _, message)] = problems(result)
    assert "lead = 105" in message and "100" in message
    assert snapshot() == before


def test_a_role_kpi_file_that_rebalances_weights_within_100_is_accepted(db):
    dataset = RoleKPIResource().export()
    first, second = role_kpi_rows(dataset, "lead")[:2]
    weight = dataset.headers.index("weight")
    moved = min(5, int(dataset[first][weight]))
    set_cell(dataset, first, "weight", str(int(dataset[first][weight]) - moved))
    set_cell(dataset, second, "weight", str(int(dataset[second][weight]) + moved))

    result = import_dataset(RoleKPIResource, dataset)

    assert problems(result) == []
    assert sum(RoleKPI.objects.filter(role__code="lead").values_list("weight", flat=True)) == 100
    assert result.totals["update"] == 2
