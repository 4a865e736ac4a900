"""Reading the documents as their readers do: poppler's pdftotext and pdffonts, LibreOffice for Word files."""
import shutil
import subprocess

import pytest

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) is not installed")


def pdf_text(tmp_path, data, name="doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_pages(text) -> list[str]:
    """pdftotext separates pages with a form feed."""
    return text.rstrip("\f").split("\f")


def pdf_fonts(tmp_path, data, name="doc.pdf") -> list[dict]:
    """pdffonts' table as rows of name, type, emb (yes/no)."""
    path = tmp_path / name
    path.write_bytes(data)
    lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        emb = parts[-5]
        rows.append({"name": parts[0], "emb": emb, "line": line})
    return rows


def cjk_embedded(fonts) -> bool:
    return any("CJK" in font["name"] and font["emb"] == "yes" for font in fonts)
