"""Recalculation by a real spreadsheet: LibreOffice opens our workbooks, computes every formula and saves them."""
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_skip_without_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")


def needs_libreoffice(test):
    """Skipped without LibreOffice; marked as rendering (it does not depend on the database backend)."""
    return pytest.mark.rendering(_skip_without_soffice(test))


def recalculated(tmp_path, *workbooks):
    """Each workbook as LibreOffice computed it, read back with the cached values (``data_only``).

    All workbooks go through one LibreOffice run (starting it is the slow part), with a profile of its own
    so that a desktop session or a parallel test does not get in the way.
    """
    sources = []
    for number, workbook in enumerate(workbooks):
        source = tmp_path / f"book{number}.xlsx"
        workbook.save(source)
        sources.append(source)
    out = tmp_path / "recalculated"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )
    return [load_workbook(out / source.name, data_only=True) for source in sources]


def word_as_pdf(tmp_path, data: bytes) -> bytes:
    """A Word file as LibreOffice prints it to PDF (a profile of its own, as above)."""
    source = tmp_path / "document.docx"
    source.write_bytes(data)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    return (tmp_path / "document.pdf").read_bytes()
