"""Build the Word template of the candidate role specs (plans/exports/templates/role_specs.docx) once.

HR edits the committed file in Word or WPS afterwards (fonts, logo, layout, wording); this command only
recreates it from scratch. The ``{{ }}``/``{%p %}``/``{%tr %}`` tags are docxtpl's (Jinja); the headings come
from ``labels`` so the same template prints Chinese or English. Every style names an East Asian font
(``w:eastAsia``), which python-docx's ``font.name`` does not set, so Chinese never falls back to the theme font.
"""
from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from plans.exports.word import EAST_ASIAN_FONT, TEMPLATE

STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Table Grid")
FACTS = (("role_name", "role.name", "department", "role.department"),
         ("manager", "role.manager", "establishment", "role.headcount"),
         ("location", "role.location", "salary", "role.salary"))


def set_east_asian_font(style, font=EAST_ASIAN_FONT):
    """Name ``font`` for East Asian text on the style, dropping any theme font that would win over it."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


def _styles(document):
    for name in STYLES:
        set_east_asian_font(document.styles[name])
    document.styles["Normal"].font.size = Pt(10.5)
    heading = document.styles["Heading 1"]
    heading.paragraph_format.page_break_before = True  # one role per page; Word ignores it on the first page
    heading.font.size, heading.font.color.rgb = Pt(18), RGBColor(0x0B, 0x5E, 0x58)
    document.styles["Heading 2"].font.size = Pt(12.5)


def _facts(document):
    table = document.add_table(rows=len(FACTS), cols=4, style="Table Grid")
    for row, cells in zip(table.rows, FACTS, strict=True):
        for index, tag in enumerate(cells):
            text = f"{{{{ labels.{tag} }}}}" if index % 2 == 0 else f"{{{{ {tag} }}}}"
            paragraph = row.cells[index].paragraphs[0]
            paragraph.add_run(text).bold = index % 2 == 0
    _widths(table, (24, 63, 24, 63))


def _widths(table, widths):
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _list(document, heading, items, item):
    document.add_paragraph(f"{{{{ labels.{heading} }}}}", style="Heading 2")
    document.add_paragraph(f"{{%p for {item} in role.{items} %}}")
    document.add_paragraph(f"{{{{ {item} }}}}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")


def _kpis(document):
    document.add_paragraph("{%p if role.kpis %}")
    document.add_paragraph("{{ labels.kpis }}", style="Heading 2")
    table = document.add_table(rows=4, cols=3, style="Table Grid")
    for cell, key in zip(table.rows[0].cells, ("kpi", "definition", "weight"), strict=True):
        cell.paragraphs[0].add_run(f"{{{{ labels.{key} }}}}").bold = True
    table.rows[1].cells[0].text = "{%tr for kpi in role.kpis %}"
    for cell, key in zip(table.rows[2].cells, ("name", "definition", "weight"), strict=True):
        cell.text = f"{{{{ kpi.{key} }}}}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _widths(table, (44, 110, 20))
    document.add_paragraph("{%p endif %}")


def build_template(path=TEMPLATE):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height, section.orientation = Mm(210), Mm(297), WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    _styles(document)
    document.add_paragraph("{%p for role in roles %}")
    document.add_paragraph("{{ role.name }}", style="Heading 1")
    document.add_paragraph("{{ labels.role_specs }} · {{ company }}")
    _facts(document)
    document.add_paragraph("{%p if role.purpose %}")
    document.add_paragraph("{{ labels.purpose }}", style="Heading 2")
    document.add_paragraph("{{ role.purpose }}")
    document.add_paragraph("{%p endif %}")
    _list(document, "duties", "duties", "duty")
    _list(document, "requirements", "requirements", "requirement")
    _kpis(document)
    document.add_paragraph("{%p endfor %}")
    document.core_properties.title = "岗位说明书模板 / role specification template"
    document.save(path)


class Command(BaseCommand):
    help = "Recreate the Word template of the candidate role specs (HR edits the committed file afterwards)."

    def handle(self, *args, **options):
        build_template()
        self.stdout.write(str(TEMPLATE))
