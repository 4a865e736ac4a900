"""Time a big legitimate library import through the admin's own pages; prints figures only.

    DEBUG=1 .venv/bin/python bench/import_bench.py [ROWS]      (default 5,000 duty rows, the import limit)

Uses a throwaway SQLite database at /tmp/siyu_import_bench.sqlite3 (recreated every run): migrates, loads the
library, then uploads a duty sheet of ROWS rows (the library's duties plus new ones spread over every role) as
xlsx and as csv to the admin's import page (the dry run and its preview), confirms it, and re-imports the same
file unchanged. Each step's wall time and query count is printed.
"""
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = Path("/tmp/siyu_import_bench.sqlite3")

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from import_export.formats.base_formats import CSV, XLSX  # noqa: E402

from teams.models import Duty, Role  # noqa: E402
from teams.resources import DutyResource  # noqa: E402

URL = "/admin/teams/duty/"


def setup():
    for path in (DB_PATH, DB_PATH.with_name(DB_PATH.name + "-wal"), DB_PATH.with_name(DB_PATH.name + "-shm")):
        path.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "library", verbosity=0)
    User.objects.create_superuser("bench", password="bench-pw-1234")


def duty_sheet(rows):
    dataset = DutyResource().export()
    codes = list(Role.objects.values_list("code", flat=True))
    order = 100
    while len(dataset) < rows:
        for code in codes[: rows - len(dataset)]:
            dataset.append((code, order, f"职责 {order}：每周汇总社群数据并提出改进建议", f"Duty {order}", "derived"))
        order += 1
    return dataset


def timed(label, action):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = action()
        elapsed = time.perf_counter() - started
    print(f"{label:<44} {elapsed:7.2f} s  {len(queries):6d} queries")
    return response


def run(client, file_format, content, rows):
    name = f"duties.{file_format().get_extension()}"
    index = "0" if file_format is XLSX else "1"

    def upload():
        return client.post(URL + "import/", {"format": index, "resource": "0",
                                             "import_file": SimpleUploadedFile(name, content)})

    preview = timed(f"{file_format.__name__} preview (dry run), {rows:,} rows", upload)
    problems = preview.context_data.get("import_problems")
    assert preview.context_data.get("confirm_form") is not None, problems
    timed(f"{file_format.__name__} confirm (written)", lambda: client.post(
        URL + "process_import/", preview.context_data["confirm_form"].initial))
    assert Duty.objects.count() == rows, Duty.objects.count()
    again = timed(f"{file_format.__name__} preview of the same file again", upload)
    assert again.context_data.get("confirm_form") is not None


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    setup()
    client = Client()
    client.force_login(User.objects.get(username="bench"))
    dataset = duty_sheet(rows)
    for file_format in (XLSX, CSV):
        Duty.objects.exclude(order__lt=100).delete()
        content = file_format().export_data(dataset)
        content = content.encode() if isinstance(content, str) else content
        print(f"{file_format.__name__}: {len(content) / 1024 / 1024:.1f} MB")
        run(client, file_format, content, rows)


if __name__ == "__main__":
    main()
