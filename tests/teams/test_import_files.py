"""Files as admins really send them, through the admin's import page: CSV from Chinese Excel in its encodings,
xlsx zip bombs refused before parsing, control characters refused by row and column, every problem listed in
full at the top with Excel's row numbers, and the import template in the admin's language that imports back."""
import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from common.import_files import SheetXLSX
from teams.models import Duty, Role
from teams.resources import DutyResource, RoleResource
from tests.hostile import library_state
from tests.teams.library_files import set_cell
from tests.teams.test_admin_round_trip import format_index

IMPORT_URL = "/admin/teams/role/import/"


@pytest.fixture
def librarian(client, library_admin):
    client.force_login(library_admin)
    return client


def post(client, content, file_format, name="roles", url=IMPORT_URL, model=Role):
    upload = SimpleUploadedFile(f"{name}.{file_format().get_extension()}", content)
    return client.post(url, {"format": format_index(model, file_format, "import"), "resource": "0",
                             "import_file": upload})


def edited_roles_csv():
    dataset = RoleResource().export()
    set_cell(dataset, 0, "name_zh", "私域操盘手（已改）")
    return CSV().export_data(dataset)


# --- CSV saved by Chinese Excel ----------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "prefix"), [
    pytest.param("gbk", b"", id="gbk"), pytest.param("gb18030", b"", id="gb18030"),
    pytest.param("utf-8-sig", b"", id="utf8-bom"), pytest.param("utf-16", b"", id="utf16-bom"),
    pytest.param("utf-8", b"", id="utf8"),
])
def test_csv_saved_by_chinese_excel_is_read_in_its_encoding(librarian, encoding, prefix):
    text = edited_roles_csv()
    if encoding == "utf-16":  # Excel's "Unicode text" is UTF-16 with a BOM, tab-separated
        text = text.replace(",", "\t") if "\t" not in text else text
    preview = post(librarian, prefix + text.encode(encoding), CSV)

    assert not preview.context["form"].errors, preview.context["form"].errors
    assert preview.context["confirm_form"] is not None, preview.context.get("import_problems")
    confirmed = librarian.post("/admin/teams/role/process_import/", preview.context["confirm_form"].initial)
    assert confirmed.status_code == 302
    assert Role.objects.get(code="lead").name_zh == "私域操盘手（已改）"


def test_bytes_in_no_known_encoding_are_refused_saying_how_to_save(librarian):
    before = library_state()

    response = post(librarian, b"code,name_zh\n\xff\xfe\xfa\x80\x81 bad\n"[2:] + b"\x80\xff", CSV)

    [message] = response.context["form"].errors["import_file"]
    assert "CSV UTF-8" in message and "UnicodeDecodeError" not in response.content.decode()
    assert library_state() == before


# --- xlsx zip bombs ----------------------------------------------------------------------------------------

def zip_bomb(inflated_mb):
    """A real workbook whose sheet is padded with whitespace that compresses a thousandfold."""
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    source = zipfile.ZipFile(io.BytesIO(workbook.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                chunk = b" " * (1024 * 1024)
                with archive.open(info.filename, "w", force_zip64=True) as sheet:
                    sheet.write(data.replace(b"<sheetData/>", b"<sheetData>"))
                    for _ in range(inflated_mb):
                        sheet.write(chunk)
                    sheet.write(b"</sheetData></worksheet>")
                continue
            archive.writestr(info, data)
    return bomb.getvalue()


def test_an_xlsx_that_inflates_to_1_5_gb_is_refused_unopened_without_memory_growth(librarian, monkeypatch):
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kwargs: opened.append(args) or 1 / 0)
    bomb = zip_bomb(1536)
    assert len(bomb) < 5 * 1024 * 1024, "small enough to pass the upload limit"
    before = library_state()

    tracemalloc.start()
    response = post(librarian, bomb, XLSX)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    [message] = response.context["form"].errors["import_file"]
    assert "50 MB" in message
    assert opened == [], "refused from the sizes the archive declares, before the workbook is parsed"
    assert peak < 50 * 1024 * 1024, peak
    assert library_state() == before


def test_a_sheet_claiming_a_million_rows_is_refused_before_its_cells_are_read():
    workbook = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "code"
    book.active["A1048576"] = "x"
    book.save(workbook)

    with pytest.raises(ValueError, match="5001"):
        SheetXLSX().create_dataset(workbook.getvalue())


# --- control characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_refused_naming_row_and_column(librarian, character):
    before = library_state()
    dataset = DutyResource().export()
    set_cell(dataset, 2, "text_zh", f"每天{character}汇总数据")

    response = post(librarian, CSV().export_data(dataset).encode(), CSV, "duties", "/admin/teams/duty/import/", Duty)

    problems = response.context["import_problems"]
    assert len(problems) == 1 and problems[0].startswith("第 4 行，text_zh 列："), problems
    assert f"U+{ord(character):04X}" in problems[0]
    assert library_state() == before


# --- the problem list and the template ---------------------------------------------------------------------

def test_every_problem_is_listed_in_full_at_the_top_with_excel_row_numbers_and_no_traceback(librarian):
    dataset = RoleResource().export()
    set_cell(dataset, 0, "tier", "sideways")
    set_cell(dataset, 3, "order", "third")

    response = post(librarian, CSV().export_data(dataset).encode(), CSV)

    html = response.content.decode()
    problems = response.context["import_problems"]
    assert problems[0].startswith("第 2 行，tier 列：") and "front（前台）" in problems[0], problems
    assert problems[1].startswith("第 5 行，order 列：") and "third" in problems[1], problems
    assert html.index("第 2 行，tier 列") < html.index('name="import_file"'), "listed above the upload form"
    assert "某些行验数据证失败" not in html and "Traceback" not in html and "site-packages" not in html
    assert "validation-error-count" not in html


@pytest.mark.parametrize(("language", "header"), [("zh-hans", "名称（中文）"), ("en", "Name (Chinese)")])
def test_the_import_template_has_headers_in_the_admins_language_and_imports_back(librarian, language, header):
    librarian.cookies["django_language"] = language
    response = librarian.get(reverse("admin:teams_role_import_template"), HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert header in headers and "name_zh" not in headers
    assert sheet.max_row > 1, "with example rows"

    preview = post(librarian, response.content, XLSX)
    assert preview.context["confirm_form"] is not None, preview.context.get("import_problems")


def test_the_import_page_offers_the_template(librarian):
    html = librarian.get(IMPORT_URL).content.decode()

    assert reverse("admin:teams_role_import_template") in html


def test_a_csv_with_more_rows_than_the_limit_is_refused_naming_the_limit(librarian):
    before = library_state()
    header = "role,order,text_zh,text_en,source\n"
    content = (header + "lead,1,职责,Duty,S2\n" * 5_001).encode()

    response = post(librarian, content, CSV, "duties", "/admin/teams/duty/import/", Duty)

    assert any("5000" in problem or "5,000" in problem for problem in response.context["import_problems"])
    assert library_state() == before
