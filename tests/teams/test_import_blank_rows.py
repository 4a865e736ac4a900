"""Files as admins send them: touched-but-empty rows and `,,,,` lines are skipped, not refused."""
from import_export.formats.base_formats import CSV

from teams.resources import RoleResource
from tests.teams.library_files import export_file, import_dataset, problems, read_file, snapshot


def test_blank_and_comma_only_rows_are_skipped(db):
    before = snapshot()
    data = export_file(RoleResource, CSV)
    width = data.splitlines()[0].count(",")
    data = data.rstrip("\r\n") + "\r\n" + "," * width + "\r\n" + " ," * width + "\r\n"

    result = import_dataset(RoleResource, read_file(data, CSV))

    assert problems(result) == []
    assert snapshot() == before
