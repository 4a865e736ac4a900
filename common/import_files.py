"""Reading the files admins upload: CSV in whatever encoding Chinese Excel saved it, and xlsx checked before parsing.

CSV: the encoding is not guessed statistically (charset-normalizer misreads short GBK files); it is decided the
way the files are made. A byte-order mark says UTF-8 ("CSV UTF-8") or UTF-16 ("Unicode text", tab-separated);
otherwise strict UTF-8 is tried, then GB18030 (a superset of GBK, what "CSV (逗号分隔)" is in Chinese Excel).
Blank lines are kept as blank rows, so row numbers stay the spreadsheet's.

xlsx: a zip can inflate a thousandfold. The sizes the archive declares (which bound what it can inflate to)
and the sheet's stated dimensions are checked before a cell is read, so a bomb is refused in milliseconds.
"""
import codecs
import csv
import io
import zipfile

import tablib
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

MAX_UNCOMPRESSED_MB = 50
# Data rows (the header is one more). bench/import_bench.py: 20,000 rows took about 50 s per step, past gunicorn's
# 30 s timeout; 2,000 took 10 s on a heavily loaded 2-core machine. The seed library has at most ~120 rows a sheet.
MAX_ROWS = 5_000
MAX_COLUMNS = 100
BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class FileRefused(ValueError):
    """A file that cannot be read, with a message saying what to do instead."""


def decode_csv(data):
    if isinstance(data, str):
        return data
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("The file is not text in a known encoding. In Excel choose File → Save As → "
                        "“CSV UTF-8 (Comma delimited)” and upload that file, or upload the .xlsx."))


def read_csv(text):
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    dataset = tablib.Dataset()
    if not records:
        return dataset
    dataset.headers = records[0]
    width = len(records[0])
    for record in records[1:]:
        dataset.append((record + [""] * width)[:width] if len(record) <= width else record[:width])
    return dataset


class SheetCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        return read_csv(decode_csv(in_stream))


def check_archive(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(_("The file is not an Excel workbook (.xlsx). Save it as .xlsx or .csv and try again.")
                          ) from None
    with archive:
        inflated = sum(info.file_size for info in archive.infolist())
    if inflated > MAX_UNCOMPRESSED_MB * 1024 * 1024:
        raise FileRefused(_("The workbook unpacks to %(size)s MB; at most %(limit)s MB can be imported. Delete "
                            "unused sheets, rows and formatting, or save it as .csv.")
                          % {"size": inflated // (1024 * 1024), "limit": MAX_UNCOMPRESSED_MB})


def check_dimensions(sheet):
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise FileRefused(_("The sheet has %(rows)s rows and %(columns)s columns; at most %(max_rows)s rows and "
                            "%(max_columns)s columns can be imported. Delete the unused ones (or clear their "
                            "formatting) and try again.") % {
            "rows": rows, "columns": columns, "max_rows": MAX_ROWS + 1, "max_columns": MAX_COLUMNS})


class SheetXLSX(XLSX):
    def create_dataset(self, in_stream):
        import openpyxl

        check_archive(in_stream)
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = book.active
            check_dimensions(sheet)
            rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)
            dataset = tablib.Dataset()
            dataset.headers = list(next(rows, ()))
            for row in rows:
                dataset.append(list(row))
        finally:
            book.close()
        return dataset
