"""Export → import through the admin's own buttons, for every library sheet, as xlsx and as csv: the file the admin
downloads goes back in unchanged — no "None" for empty cells, yes/no values and numbers read back, a leading
apostrophe kept."""
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from common.admin import LibraryAdmin
from teams.models import LibraryRevision, Role, StaffingRule
from teams.selectors import load_library
from tests.formats import position_of

LIBRARY_ADMINS = sorted(((model, model_admin) for model, model_admin in admin.site._registry.items()
                         if isinstance(model_admin, LibraryAdmin)), key=lambda pair: pair[0]._meta.label)
SHEETS = [pytest.param(model, id=model._meta.model_name) for model, _ in LIBRARY_ADMINS]
FORMATS = [pytest.param(XLSX, id="xlsx"), pytest.param(CSV, id="csv")]


def rows_of(model):
    """Every column of every row, foreign keys by natural key, so a re-import that rewrote ids still compares."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]

    def value(obj, field):
        if isinstance(field, models.ForeignKey):
            target = getattr(obj, field.name)
            return target.natural_key() if target else None
        return getattr(obj, field.name)

    return sorted((tuple((f.name, value(obj, f)) for f in fields) for obj in model.objects.all()), key=repr)


def url(model, action):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}")


def format_index(model, file_format, side):
    model_admin = admin.site._registry[model]
    formats = model_admin.get_import_formats() if side == "import" else model_admin.get_export_formats()
    return str(position_of(formats, file_format))


def export_through_admin(client, model, file_format):
    """Open the export page and submit it as it comes (every field ticked), as the admin would."""
    page = client.get(url(model, "export"))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    data.update(format=format_index(model, file_format, "export"), resource="0")
    response = client.post(url(model, "export"), data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def import_through_admin(client, model, file_format, content):
    name = f"{model._meta.model_name}.{file_format().get_extension()}"
    preview = client.post(url(model, "import"), {"format": format_index(model, file_format, "import"),
                                                 "resource": "0", "import_file": SimpleUploadedFile(name, content)})
    assert preview.status_code == 200
    assert not preview.context["form"].errors, preview.context["form"].errors
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), preview.context.get("import_problems")
    confirm = preview.context["confirm_form"]
    done = client.post(url(model, "process_import"), confirm.initial)
    assert done.status_code == 302
    return result


@pytest.fixture
def librarian(client, library_admin):
    client.force_login(library_admin)
    return client


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("model", SHEETS)
def test_the_admins_own_export_imports_back_unchanged(librarian, model, file_format):
    before = rows_of(model)
    assert before, "the seed library has rows of every sheet"

    content = export_through_admin(librarian, model, file_format)
    result = import_through_admin(librarian, model, file_format, content)

    assert result.totals["new"] == 0 and result.totals["update"] == 0
    assert rows_of(model) == before


def test_every_sheet_with_import_export_is_covered():
    names = {model._meta.model_name for model, _ in LIBRARY_ADMINS}
    assert names >= {"role", "duty", "capability", "rolekpi", "kpitemplate", "staffingrule", "sizingrule",
                     "placementrule", "sizethreshold", "salaryband", "oncostrule"}


@pytest.mark.parametrize("file_format", FORMATS)
def test_empty_cells_are_empty_and_yes_no_reads_as_a_word_not_python(librarian, file_format):
    content = export_through_admin(librarian, StaffingRule, file_format)
    text = content.decode("utf-8-sig") if file_format is CSV else _xlsx_text(content)

    assert "None" not in text
    assert "True" not in text and "False" not in text


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_literal_leading_apostrophe_survives_the_round_trip(librarian, file_format):
    Role.objects.filter(code="data").update(name_en="'quoted", summary_en="'=not a formula")
    before = rows_of(Role)

    import_through_admin(librarian, Role, file_format, export_through_admin(librarian, Role, file_format))

    assert Role.objects.get(code="data").name_en == "'quoted"
    assert Role.objects.get(code="data").summary_en == "'=not a formula"
    assert rows_of(Role) == before


def _xlsx_text(content):
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return "\n".join(",".join("" if c is None else str(c) for c in row) for row in sheet.iter_rows(values_only=True))


def test_an_import_through_the_admin_shows_at_once_in_the_loaded_library(librarian):
    """Bulk-written rows send no model signals: the import's own signal moves the library revision."""
    assert load_library()  # kept in this process under the current revision
    content = export_through_admin(librarian, StaffingRule, CSV).decode("utf-8-sig")
    rule = StaffingRule.objects.get(code="live_team")
    edited = content.replace(rule.rationale_zh, "导入改过的理由", 1)
    assert edited != content
    before = LibraryRevision.current()

    import_through_admin(librarian, StaffingRule, CSV, edited.encode("utf-8-sig"))

    assert LibraryRevision.current() != before
    loaded = next(spec for spec in load_library().staffing_rules if spec.code == "live_team")
    assert loaded.rationale.zh == "导入改过的理由"
