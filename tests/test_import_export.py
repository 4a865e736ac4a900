"""Excel/CSV import and export of the library: round trips, all-or-nothing refusals, permissions, formula safety."""
import csv
import io

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from import_export.formats.base_formats import CSV, XLSX

from kpis.resources import KPITemplateResource
from teams.admin import RoleAdmin
from teams.models import Role, RoleKPI
from teams.resources import (
    CapabilityResource,
    DutyResource,
    PlacementRuleResource,
    RoleKPIResource,
    RoleResource,
    SizeThresholdResource,
    StaffingRuleResource,
)

# Parents before children: the order an admin imports an emptied library in.
RESOURCES = [SizeThresholdResource, RoleResource, DutyResource, CapabilityResource, StaffingRuleResource,
             PlacementRuleResource, KPITemplateResource, RoleKPIResource]
FORMATS = [pytest.param(XLSX, id="xlsx"), pytest.param(CSV, id="csv")]

# A column of each resource that can be edited without breaking anything else, to prove valid rows are not written.
HARMLESS_COLUMN = {
    SizeThresholdResource: "min_employees", RoleResource: "name_en", DutyResource: "text_en",
    CapabilityResource: "text_en", StaffingRuleResource: "rationale_en", PlacementRuleResource: "rationale_en",
    KPITemplateResource: "name_en", RoleKPIResource: "order",
}


# --- helpers -----------------------------------------------------------------------------------------------

def value_of(instance, field):
    value = getattr(instance, field.name)
    if isinstance(field, models.ForeignKey):
        return value.natural_key() if value is not None else None
    return value


def snapshot():
    """Every field of every library row, keyed by model, foreign keys by natural key (ids may differ)."""
    state = {}
    for resource in RESOURCES:
        model = resource._meta.model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        state[model.__name__] = sorted(
            tuple((f.name, value_of(obj, f)) for f in fields) for obj in model.objects.all()
        )
    return state


def export_file(resource, file_format):
    return file_format().export_data(resource().export())


def read_file(data, file_format):
    return file_format().create_dataset(data)


def import_dataset(resource, dataset):
    return resource().import_data(dataset, dry_run=False)


def problems(result):
    """(row, column, message) for every reason a file was refused; row/column are None when not about one cell."""
    found = [(None, None, str(error.error)) for error in result.base_errors]
    found += [(number, None, str(error.error)) for number, errors in result.row_errors() for error in errors]
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            found += [(invalid.number, column, str(message)) for message in messages]
        found += [(invalid.number, None, str(message)) for message in invalid.non_field_specific_errors]
    return found


def set_cell(dataset, row_index, column, value):
    row = list(dataset[row_index])
    row[dataset.headers.index(column)] = value
    dataset[row_index] = tuple(row)


def touch_harmless_cell(resource, dataset, row_index):
    """Change a valid row so that a partial import would show up in the snapshot."""
    column = HARMLESS_COLUMN[resource]
    current = dataset[row_index][dataset.headers.index(column)]
    set_cell(dataset, row_index, column, str(int(current) + 7) if str(current).isdigit() else f"{current} (edited)")


def broken_file(resource, file_format, row_index, column, value):
    """An exported file with one bad cell and one valid edit elsewhere, written and read back as the user would."""
    dataset = resource().export()
    set_cell(dataset, row_index, column, value)
    touch_harmless_cell(resource, dataset, 0 if row_index else 1)
    return read_file(file_format().export_data(dataset), file_format)


# --- round trips -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("file_format", FORMATS)
def test_reimporting_an_unchanged_export_of_every_library_sheet_changes_nothing(db, file_format):
    before = snapshot()
    files = {resource: export_file(resource, file_format) for resource in RESOURCES}

    for resource in RESOURCES:
        result = import_dataset(resource, read_file(files[resource], file_format))
        assert problems(result) == [], resource.__name__
        assert result.totals["new"] == result.totals["update"] == 0, resource.__name__

    assert snapshot() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_an_exported_library_rebuilds_an_emptied_database_identically(db, file_format):
    before = snapshot()
    files = {resource: export_file(resource, file_format) for resource in RESOURCES}
    for resource in reversed(RESOURCES):
        resource._meta.model.objects.all().delete()
    assert all(not rows for rows in snapshot().values())

    for resource in RESOURCES:
        result = import_dataset(resource, read_file(files[resource], file_format))
        assert problems(result) == [], resource.__name__
        assert result.totals["new"] == len(before[resource._meta.model.__name__]), resource.__name__

    assert snapshot() == before


def test_an_edited_cell_is_imported_as_an_update(db):
    dataset = RoleResource().export()
    set_cell(dataset, 0, "name_en", "Head of private domain")

    result = import_dataset(RoleResource, read_file(CSV().export_data(dataset), CSV))

    assert problems(result) == []
    assert result.totals["update"] == 1
    assert Role.objects.get(code=dataset[0][0]).name_en == "Head of private domain"


def new_role_row(dataset, code, parent):
    """A copy of the file's first role under a new code, reporting by default to ``parent``."""
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(code=code, name_zh=f"新岗位 {code}", name_en=f"New role {code}", default_parent=parent, order=70)
    return tuple(row[h] for h in dataset.headers)


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_role_may_come_before_the_new_manager_it_reports_to(db, file_format):
    dataset = RoleResource().export()
    dataset.insert(0, new_role_row(dataset, "community_host", "community_lead"))
    dataset.append(new_role_row(dataset, "community_lead", "user_ops"))

    result = import_dataset(RoleResource, read_file(file_format().export_data(dataset), file_format))

    assert problems(result) == []
    assert Role.objects.get(code="community_host").default_parent.code == "community_lead"
    assert Role.objects.get(code="community_lead").default_parent.code == "user_ops"


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_reporting_loop_is_refused_naming_the_row_and_nothing_is_written(db, file_format):
    before = snapshot()
    dataset = RoleResource().export()
    touch_harmless_cell(RoleResource, dataset, 0)
    dataset.insert(0, new_role_row(dataset, "loop_a", "loop_b"))
    dataset.append(new_role_row(dataset, "loop_b", "loop_a"))

    result = import_dataset(RoleResource, read_file(file_format().export_data(dataset), file_format))

    found = problems(result)
    assert len(found) == 1 and found[0][2].startswith("第 1 行，default_parent："), found
    assert "loop_a → loop_b → loop_a" in found[0][2]
    assert snapshot() == before


def test_an_existing_role_cannot_be_given_a_looping_manager(db):
    user_ops = Role.objects.get(code="user_ops")
    child = Role.objects.filter(default_parent=user_ops).first()
    user_ops.default_parent = child
    with pytest.raises(ValidationError) as refused:
        user_ops.full_clean()
    assert list(refused.value.message_dict) == ["default_parent"]
    assert f"user_ops → {child.code} → user_ops" in refused.value.message_dict["default_parent"][0]


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
    assert [(row, col) for row, col, _ in found] == [(row_index + 1, column)], found
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
    assert sorted((row, column) for row, column, _ in found) == sorted([(staff + 1, "headcount_max"),
                                                                       (merge + 1, "merged_into")]), found
    assert "3" in dict(((r, c), m) for r, c, m in found)[(staff + 1, "headcount_max")]
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
    assert [(row, col) for row, col, _ in problems(refused)] == [(2, "tier")]
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
    assert f"1, {len(dataset)}" in message and "code" in message and dataset[0][0] in message
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

    assert {(row, col) for row, col, _ in found} == {(1, "tier"), (4, "order")}


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


# --- the admin import and export views ---------------------------------------------------------------------

IMPORT_URL = "/admin/teams/role/import/"
PROCESS_URL = "/admin/teams/role/process_import/"
EXPORT_URL = "/admin/teams/role/export/"


def format_index(file_format, import_side=True):
    model_admin = admin.site._registry[Role]
    assert isinstance(model_admin, RoleAdmin)
    available = model_admin.get_import_formats() if import_side else model_admin.get_export_formats()
    return str(available.index(file_format))


def upload(dataset, file_format, name="roles"):
    data = file_format().export_data(dataset)
    if isinstance(data, str):
        data = data.encode()
    return SimpleUploadedFile(f"{name}.{file_format().get_extension()}", data)


def export_form_data(file_format):
    fields = {f"roleresource_{name}": "on" for name in RoleResource().get_export_order()}
    return {"format": format_index(file_format, import_side=False), "resource": "0", **fields}


@pytest.fixture
def view_only_staff(db):
    user = User.objects.create_user("viewer", password="pw-viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_role", content_type__app_label="teams"))
    return user


def test_library_admin_imports_a_role_file_through_the_admin_confirm_flow(client, library_admin):
    client.force_login(library_admin)
    dataset = RoleResource().export()
    set_cell(dataset, 0, "name_en", "Head of private domain")
    code = dataset[0][0]

    preview = client.post(IMPORT_URL, {"format": format_index(XLSX), "resource": "0",
                                       "import_file": upload(dataset, XLSX)})

    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None, "a clean file offers the confirm step"
    assert Role.objects.get(code=code).name_en != "Head of private domain", "the preview writes nothing"

    done = client.post(PROCESS_URL, confirm.initial)

    assert done.status_code == 302
    assert Role.objects.get(code=code).name_en == "Head of private domain"


def test_admin_import_of_a_broken_file_shows_row_and_column_and_offers_no_confirm(client, library_admin):
    client.force_login(library_admin)
    before = snapshot()
    dataset = RoleResource().export()
    set_cell(dataset, 1, "tier", "sideways")
    touch_harmless_cell(RoleResource, dataset, 0)

    response = client.post(IMPORT_URL, {"format": format_index(CSV), "resource": "0",
                                        "import_file": upload(dataset, CSV)})

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2 and list(invalid.field_specific_errors) == ["tier"]
    html = response.content.decode()
    assert "sideways" in html and "tier" in html
    assert snapshot() == before


def test_view_only_staff_cannot_import_roles_but_can_export_them(client, view_only_staff):
    client.force_login(view_only_staff)
    dataset = RoleResource().export()

    assert client.get(IMPORT_URL).status_code == 403
    refused = client.post(IMPORT_URL, {"format": format_index(CSV), "import_file": upload(dataset, CSV)})
    assert refused.status_code == 403
    assert client.post(PROCESS_URL, {"import_file_name": "x", "original_file_name": "x.csv",
                                     "format": format_index(CSV)}).status_code == 403
    assert client.get(EXPORT_URL).status_code == 200

    exported = client.post(EXPORT_URL, export_form_data(CSV))

    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    assert "lead" in exported.content.decode()


def test_hr_reads_the_library_but_may_not_import_it(client, hr_user):
    client.force_login(hr_user)

    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 200


def test_library_admin_may_open_the_import_page(client, library_admin):
    client.force_login(library_admin)

    assert client.get(IMPORT_URL).status_code == 200


# --- exported cells never start a formula ------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x")'


def xlsx_cells(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def csv_cells(data):
    return [cell for row in csv.reader(io.StringIO(data if isinstance(data, str) else data.decode())) for cell in row]


@pytest.fixture
def role_with_formulas(db):
    Role.objects.filter(code="lead").update(summary_zh=FORMULA, summary_en="=" + FORMULA)
    return Role.objects.get(code="lead")


def test_admin_export_to_xlsx_writes_no_formula_cells(client, library_admin, role_with_formulas):
    client.force_login(library_admin)

    response = client.post(EXPORT_URL, export_form_data(XLSX))

    assert response.status_code == 200
    cells = xlsx_cells(response.content)
    assert any('HYPERLINK("http://x")' in str(cell.value) for cell in cells), "the text itself is still exported"
    assert [cell.coordinate for cell in cells if cell.data_type == "f" or str(cell.value).startswith("=")] == []


def test_admin_export_to_csv_starts_no_cell_with_equals(client, library_admin, role_with_formulas):
    client.force_login(library_admin)

    response = client.post(EXPORT_URL, export_form_data(CSV))

    assert response.status_code == 200
    cells = csv_cells(response.content)
    assert any('HYPERLINK("http://x")' in cell for cell in cells)
    assert [cell for cell in cells if cell.startswith("=")] == []


@pytest.mark.parametrize("file_format", FORMATS)
def test_resource_export_as_the_admin_writes_it_starts_no_cell_with_equals(role_with_formulas, file_format):
    data = export_file(RoleResource, file_format)

    if file_format is XLSX:
        cells = xlsx_cells(data)
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        values = [str(cell.value) for cell in cells]
    else:
        values = csv_cells(data)
    assert any('HYPERLINK("http://x")' in value for value in values)
    assert [value for value in values if value.startswith("=")] == []
