"""Excel/CSV import and export of the library: round trips, the admin import and export views with their permissions,
formula safety."""
import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from teams.admin import RoleAdmin
from teams.models import Role
from teams.resources import RoleResource
from tests.formats import position_of
from tests.teams.library_files import (
    FORMATS,
    RESOURCES,
    export_file,
    import_dataset,
    problems,
    read_file,
    set_cell,
    snapshot,
    touch_harmless_cell,
)

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
    assert len(found) == 1 and found[0][2].startswith("第 2 行，default_parent："), found
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



# --- the admin import and export views ---------------------------------------------------------------------

IMPORT_URL = "/admin/teams/role/import/"
PROCESS_URL = "/admin/teams/role/process_import/"
EXPORT_URL = "/admin/teams/role/export/"


def format_index(file_format, import_side=True):
    model_admin = admin.site._registry[Role]
    assert isinstance(model_admin, RoleAdmin)
    available = model_admin.get_import_formats() if import_side else model_admin.get_export_formats()
    return str(position_of(available, file_format))


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
    assert invalid.number == 3 and list(invalid.field_specific_errors) == ["tier"]
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


def test_the_admin_offers_only_spreadsheet_formats(admin_client):
    page = admin_client.get(reverse("admin:teams_role_import")).content.decode()

    assert "xlsx" in page and "csv" in page
    assert not any(f">{name}<" in page for name in ("json", "yaml", "html", "tsv", "ods"))
