"""Admin import of broken, binary and oversized library files, and forged import steps: refused with the field's
error, nothing written, never a 500."""
import io
import os

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import CSV, XLSX

from tests.formats import position_of
from tests.hostile import IMPORT_URL, format_index, library_state

# --- admin import of broken, binary and oversized files ----------------------------------------------------

def post_import(client, file, file_format):
    return client.post(IMPORT_URL, {"format": format_index(file_format), "resource": "0", "import_file": file})


def assert_refused(response, before, *words):
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    errors = response.context["form"].errors.get("import_file", [])
    assert errors, response.context["form"].errors
    html = response.content.decode()
    for word in words:
        assert word in " ".join(errors) and word in html
    assert library_state() == before


@pytest.fixture
def librarian_client(client, library_admin):
    client.force_login(library_admin)
    return client


def test_random_bytes_named_xlsx_are_refused(librarian_client):
    before = library_state()
    file = SimpleUploadedFile("roles.xlsx", os.urandom(4096))

    assert_refused(post_import(librarian_client, file, XLSX), before)


def test_an_empty_file_is_refused(librarian_client):
    before = library_state()

    for file_format, name in [(XLSX, "roles.xlsx"), (CSV, "roles.csv")]:
        assert_refused(post_import(librarian_client, SimpleUploadedFile(name, b""), file_format), before)


def test_a_csv_holding_a_binary_blob_is_refused(librarian_client):
    before = library_state()
    blob = b"code,name_zh\n" + bytes(range(256)) * 16 + b"\x00\xff\xfe" + os.urandom(2048)

    assert_refused(post_import(librarian_client, SimpleUploadedFile("roles.csv", blob), CSV), before)


def test_a_zip_that_is_not_a_workbook_is_refused(librarian_client):
    import zipfile

    before = library_state()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")

    assert_refused(post_import(librarian_client, SimpleUploadedFile("roles.xlsx", buffer.getvalue()), XLSX), before)


@pytest.mark.parametrize(("file_format", "name"), [(CSV, "roles.csv"), (XLSX, "roles.xlsx")])
def test_an_oversized_file_is_refused_naming_the_limit(librarian_client, file_format, name):
    before = library_state()
    big = b"code,name_zh,name_en\n" + b"x,y,z\n" * (6 * 1024 * 1024 // 6)
    assert len(big) > 6 * 1024 * 1024 - 100

    assert_refused(post_import(librarian_client, SimpleUploadedFile(name, big), file_format), before, "5 MB")


@pytest.mark.parametrize("url", ["/admin/kpis/kpitemplate/import/", "/admin/teams/rolekpi/import/",
                                 "/admin/teams/duty/import/", "/admin/teams/capability/import/",
                                 "/admin/teams/staffingrule/import/", "/admin/teams/placementrule/import/",
                                 "/admin/teams/sizethreshold/import/"])
def test_every_library_import_refuses_an_oversized_file(librarian_client, url):
    before = library_state()
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * (6 * 1024 * 1024 // 4))
    model_admin = next(a for m, a in admin.site._registry.items()
                       if url.startswith(f"/admin/{m._meta.app_label}/{m._meta.model_name}/"))
    index = str(position_of(model_admin.get_import_formats(), CSV))

    response = librarian_client.post(url, {"format": index, "resource": "0", "import_file": big})

    assert response.status_code == 200
    assert "5 MB" in " ".join(response.context["form"].errors.get("import_file", []))
    assert library_state() == before


@pytest.mark.parametrize("forged", [
    {"import_file_name": "no-such-file"}, {"import_file_name": "../../etc/passwd"}, {"format": "99"},
    {"format": "abc"}, {"resource": "7"}, {"resource": "abc"},
])
def test_a_forged_import_confirm_step_is_sent_back_to_the_upload(librarian_client, forged):
    before = library_state()
    data = {"import_file_name": "no-such-file", "original_file_name": "roles.csv", "format": format_index(CSV),
            "resource": "0", **forged}

    response = librarian_client.post("/admin/teams/role/process_import/", data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[-1][0] == IMPORT_URL
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert library_state() == before


@pytest.mark.parametrize("value", ["99", "-1", "abc", ""])
def test_an_unknown_import_format_is_a_field_error(librarian_client, value):
    before = library_state()
    file = SimpleUploadedFile("roles.csv", b"code\nlead\n")

    response = librarian_client.post(IMPORT_URL, {"format": value, "resource": "0", "import_file": file})

    assert response.status_code == 200 and "format" in response.context["form"].errors
    assert library_state() == before


def test_a_forged_confirm_cannot_delete_a_file_in_the_temp_directory(librarian_client):
    import tempfile

    with tempfile.NamedTemporaryFile("w", delete=False, suffix=".csv") as victim:
        victim.write("code,name_zh\n")
    try:
        data = {"import_file_name": os.path.basename(victim.name), "original_file_name": "roles.csv",
                "format": format_index(CSV), "resource": "0"}
        librarian_client.post("/admin/teams/role/process_import/", data, follow=True)
        assert os.path.exists(victim.name)
    finally:
        if os.path.exists(victim.name):
            os.remove(victim.name)
