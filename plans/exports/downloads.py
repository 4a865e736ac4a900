"""File downloads: every file the app hands out (workbooks, PDFs, Word files, the org chart's SVG and PNG)
leaves through ``file_response``.

File names keep Chinese; old clients get an ASCII ``filename`` beside the RFC 5987 ``filename*``. Downloads
are private to the person asking, so none is stored by a shared cache.
"""
import re
import unicodedata
from io import BytesIO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from .labels import label
from .team import as_list

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"
PNG_CONTENT_TYPE = "image/png"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP_CONTENT_TYPE = "application/zip"

_BAD_FILENAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;,]+')


def safe_filename(name, suffix=".xlsx") -> str:
    """A download file name: no path parts, quotes or control characters; Chinese kept; never empty."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _BAD_FILENAME_CHARS.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._-")[:80].strip(" ._-") or "export"
    suffix = suffix if not suffix or suffix.startswith(".") else "." + suffix
    return text + suffix


def ascii_filename(filename) -> str:
    """The ASCII fallback for old clients: accents dropped, anything else replaced by "_"."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._-")
    if len(ascii_stem) < 2:
        ascii_stem = "export"
    return f"{ascii_stem}.{ext}" if ext else ascii_stem


def content_disposition(filename) -> str:
    """``attachment`` with an ASCII ``filename`` and, for other names, an RFC 5987 ``filename*``."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename=\"{ascii_filename(filename)}\"; filename*=utf-8''{quote(filename)}"
    return content_disposition_header(True, filename)


def export_filename(plans, kind, suffix=".xlsx") -> str:
    """E.g. ``示例品牌-岗位说明书-2026-11-20.xlsx``; ``kind`` is a label key such as "role_specs"."""
    plans = as_list(plans)
    who = plans[0].company_name if len(plans) == 1 else label("plans", count=len(plans))
    return safe_filename(f"{who}-{label(kind)}-{timezone.localdate():%Y-%m-%d}", suffix)


def file_response(content, filename, content_type) -> HttpResponse:
    """``content`` (bytes or text) as an attachment named ``filename`` (made safe here), never cached."""
    filename = safe_filename(*_split_suffix(filename))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(len(response.content))
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(field_file, filename, content_type) -> FileResponse:
    """A file from storage (a bulk export's zip), streamed rather than read into memory."""
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(safe_filename(*_split_suffix(filename)))
    response["Cache-Control"] = "private, no-store"
    return response


def _split_suffix(filename):
    stem, dot, ext = str(filename).rpartition(".")
    return (stem, "." + ext) if dot else (filename, "")


def workbook_bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(workbook, filename) -> HttpResponse:
    """The workbook as an .xlsx attachment (``.xlsx`` is added to a name without an extension)."""
    if "." not in str(filename):
        filename = f"{filename}.xlsx"
    return file_response(workbook_bytes(workbook), filename, XLSX_CONTENT_TYPE)


def svg_response(svg, filename) -> HttpResponse:
    """An SVG drawing as an .svg attachment."""
    return file_response(svg, filename, SVG_CONTENT_TYPE)
