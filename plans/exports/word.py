"""岗位说明书 in Word: the candidate copy of every staffed role, rendered by docxtpl from a template HR edits.

The template (``templates/role_specs.docx`` beside this module) is built once by
``manage.py build_role_spec_template`` and then edited by HR in Word or WPS; it receives ``roles`` (see
``candidate.RoleSpec``), ``labels`` (the headings in the active language) and ``company``.

An approved plan's file carries the approval stamp in the header of every section (and of the first-page and
even-page headers where the template has them), written after rendering so that a template HR edited still
prints it on every page.
"""
from io import BytesIO
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docxtpl import DocxTemplate

from .approval import approval_text
from .candidate import role_specs, spec_labels

TEMPLATE = Path(__file__).resolve().parent / "templates" / "role_specs.docx"
EAST_ASIAN_FONT = "Microsoft YaHei"  # 微软雅黑: on every Windows and in WPS; LibreOffice substitutes Noto Sans CJK
STAMP_COLOUR = RGBColor(0x0B, 0x5E, 0x58)  # --brand-ink, as on the PDFs' stamp


def role_specs_docx(plan) -> bytes:
    """The Word file of a plan loaded with ``TeamPlan.objects.with_team()``."""
    document = DocxTemplate(TEMPLATE)
    document.render({"roles": role_specs(plan), "labels": spec_labels(), "company": plan.company_name},
                    autoescape=True)
    stamp_document(document.docx, approval_text(plan))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def section_headers(document, section):
    """Every header a page of ``section`` can print: the default one, the first page's and the even pages'."""
    yield section.header
    if section.different_first_page_header_footer:
        yield section.first_page_header
    if document.settings.odd_and_even_pages_header_footer:
        yield section.even_page_header


def stamp_document(document, text):
    """``text`` (the approval, or None for a plan not approved) as the last line of every header, right-aligned,
    small and in the brand's ink; the template's own header content (a logo, say) stays above it."""
    if not text:
        return
    for section in document.sections:
        for header in section_headers(document, section):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[-1] if header.paragraphs and not header.paragraphs[-1].text \
                else header.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(text)
            run.font.size, run.font.color.rgb = Pt(8), STAMP_COLOUR
            east_asian(run, EAST_ASIAN_FONT)


def east_asian(run, font):
    """Name ``font`` for the run's Chinese too (python-docx's ``font.name`` sets only the Latin fonts)."""
    run.font.name = font  # writes the run's w:rFonts, where the East Asian font goes too
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
