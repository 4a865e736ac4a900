"""The app's colours, declared once as CSS variables in ``static/css/app.css``.

The SVG org chart and the workbooks read the same variables, so a tier is the same colour on screen,
in print, in the SVG and in Excel.
"""
import re
from functools import cache
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"
VARIABLE = re.compile(r"--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\b")


@cache
def colours() -> dict[str, str]:
    """Every ``--name: #rrggbb`` variable of the stylesheet, e.g. ``{"front": "#2563eb", …}``."""
    return dict(VARIABLE.findall(CSS.read_text(encoding="utf-8")))


def colour(name: str) -> str:
    return colours()[name]


def tier_colour(tier: str) -> str:
    """A tier's accent (front/middle/back office); anything else gets the ink colour."""
    return colours().get(tier) or colour("ink")


def excel(name: str) -> str:
    """The same colour as openpyxl wants it: ``RRGGBB`` without the hash."""
    return colour(name).lstrip("#").upper()
