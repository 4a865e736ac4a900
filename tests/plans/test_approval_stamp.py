"""An approved plan's exports say so on every sheet and page: the Word role specs in every section's header,
every PDF on every page, every workbook (single downloads and bulk zips) in every sheet's printed header."""
import re
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from plans.bulk.models import BulkExport, ExportKind
from plans.exports.word import stamp_document
from plans.groups import APPROVERS
from plans.models import TeamPlan
from plans.review import plan_approve, plan_submit
from tests.conftest import make_user

from .documents import needs_poppler, pdf_pages, pdf_text
from .libreoffice import needs_libreoffice, word_as_pdf

STAMP = "已审批通过 · 版本 1 · 审批人 approver1"


@pytest.fixture
def approved(manager, make_plan):
    plan = make_plan(manager, company_name="审批品牌")
    plan_submit(plan=plan, user=manager)
    plan_approve(plan=TeamPlan.objects.get(pk=plan.pk), user=make_user("approver1", APPROVERS))
    return TeamPlan.objects.get(pk=plan.pk)


def word_file(client, plan):
    return client.get(reverse("plans:role-specs-docx", args=[plan.pk])).content


def header_texts(document):
    return [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]


def test_the_word_role_specs_of_an_approved_plan_carry_the_stamp_in_every_section_header(manager_client, approved):
    document = Document(BytesIO(word_file(manager_client, approved)))

    assert document.sections
    for section in document.sections:
        assert not section.header.is_linked_to_previous
        assert any(p.text.startswith(STAMP) for p in section.header.paragraphs)
    assert all(STAMP not in p.text for p in document.paragraphs)  # the header, not the body


def test_the_word_role_specs_of_a_draft_carry_no_stamp(manager_client, plan):
    document = Document(BytesIO(word_file(manager_client, plan)))
    assert not any("审批" in text for text in header_texts(document))


def test_a_template_with_several_sections_and_its_own_first_page_header_is_stamped_everywhere():
    document = Document()
    document.add_paragraph("一")
    document.add_section()
    document.sections[0].different_first_page_header_footer = True
    document.sections[0].header.paragraphs[0].text = "公司标志"
    stamp_document(document, "已审批通过 · 版本 2")

    first = document.sections[0]
    assert [p.text for p in first.header.paragraphs] == ["公司标志", "已审批通过 · 版本 2"]
    assert [p.text for p in first.first_page_header.paragraphs] == ["已审批通过 · 版本 2"]
    assert [p.text for p in document.sections[1].header.paragraphs] == ["已审批通过 · 版本 2"]
    run = first.header.paragraphs[1].runs[0]
    assert run.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


@needs_libreoffice
@needs_poppler
def test_every_printed_page_of_the_word_file_carries_the_stamp(manager_client, approved, tmp_path):
    data = word_as_pdf(tmp_path, word_file(manager_client, approved))

    pages = pdf_pages(pdf_text(tmp_path, data, "converted.pdf"))
    assert len(pages) == len(approved.staffed_roles()) > 1
    assert all(STAMP in page for page in pages)


@needs_poppler
@pytest.mark.parametrize("name", ["plans:org-chart-pdf", "plans:role-specs-pdf"])
def test_every_page_of_the_pdfs_carries_the_stamp(manager_client, approved, tmp_path, name):
    data = manager_client.get(reverse(name, args=[approved.pk])).content
    pages = pdf_pages(pdf_text(tmp_path, data))
    assert pages and all(STAMP in page for page in pages)


def test_hrs_copy_of_the_role_specs_carries_the_stamp_on_every_sheet(manager_client, approved):
    response = manager_client.get(reverse("plans:role-specs-hr-xlsx", args=[approved.pk]))
    book = load_workbook(BytesIO(response.content))
    assert len(book.worksheets) > 1 and all(STAMP in ws.oddHeader.center.text for ws in book.worksheets)


def test_a_bulk_export_stamps_every_workbook_and_word_file_of_an_approved_plan(client, hr_user, approved, settings,
                                                                             tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(hr_user)
    kinds = [ExportKind.ROLE_SPECS_XLSX, ExportKind.ROLE_SPECS_HR_XLSX, ExportKind.KPI_SHEETS_XLSX,
             ExportKind.TEAM_COST_XLSX, ExportKind.ROLE_SPECS_DOCX]
    client.post(reverse("plans:exports"), {"plans": [approved.pk], "kinds": kinds})

    with BulkExport.objects.get().file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    books = [load_workbook(BytesIO(body)) for name, body in files.items() if name.endswith(".xlsx")]
    assert len(books) == 4
    assert all(STAMP in ws.oddHeader.center.text for book in books for ws in book.worksheets)
    (word,) = [Document(BytesIO(body)) for name, body in files.items() if name.endswith(".docx")]
    assert any(text.startswith(STAMP) for text in header_texts(word))


def test_the_svg_and_png_charts_of_an_approved_plan_carry_the_stamp_and_a_draft_none(manager_client, approved, plan):
    def svg_of(which):
        return manager_client.get(reverse("plans:org-chart-svg", args=[which.pk])).content.decode()

    def texts(svg):
        return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))

    svg = svg_of(approved)
    draft_svg = svg_of(plan)
    assert STAMP in texts(svg) and "审批" not in texts(draft_svg)
    assert not re.search(r"<text[^>]*></text>", draft_svg)  # no empty line where a draft has no stamp
    width, height = (float(value) for value in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    png = Image.open(BytesIO(manager_client.get(reverse("plans:org-chart-png", args=[approved.pk])).content))
    assert abs(png.height - height * png.width / width) < 2  # drawn from the stamped SVG, stamp line and all
