"""A new workbook, and worksheet titles Excel accepts."""
import re

from openpyxl import Workbook
from openpyxl.workbook.properties import CalcProperties

from .labels import label

SHEET_TITLE_MAX = 31
_TITLE_REPLACEMENTS = str.maketrans({"[": "(", "]": ")", ":": "-", "/": "-", "\\": "-", "*": "_", "?": "_"})
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def new_workbook(title) -> Workbook:
    """An empty workbook (no default sheet) that spreadsheets recalculate when they open it."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = label("creator")
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    return workbook


def _utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def fit_title(text, limit):
    """``text`` cut to ``limit`` UTF-16 units (Excel's measure), without an apostrophe at either end."""
    while _utf16_len(text) > limit:
        text = text[:-1]
    return text.rstrip().strip("'").rstrip()


def safe_sheet_title(title, used: set) -> str:
    """A valid, unique worksheet title derived from ``title``; ``used`` (casefolded titles) is updated.

    Excel's rules: at most 31 characters, none of ``[]:*?/\\``, no apostrophe at either end,
    not "History", unique regardless of case, never empty.
    """
    base = _CONTROL_CHARS.sub(" ", str(title or "")).translate(_TITLE_REPLACEMENTS)
    base = re.sub(r"\s+", " ", base).strip().strip("'").strip()
    base = fit_title(base, SHEET_TITLE_MAX) or label("sheet")
    if base.casefold() == "history":
        base += "_"
    candidate, number = base, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = fit_title(base, SHEET_TITLE_MAX - len(suffix)) + suffix
    used.add(candidate.casefold())
    return candidate
