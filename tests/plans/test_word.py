"""The Word role specs HR gives a candidate, opened with python-docx and converted by LibreOffice."""
import re
from io import BytesIO

from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from plans.exports.downloads import DOCX_CONTENT_TYPE
from plans.exports.word import EAST_ASIAN_FONT, TEMPLATE
from plans.models import TeamPlan

from .documents import cjk_embedded, needs_poppler, pdf_fonts, pdf_pages, pdf_text
from .libreoffice import needs_libreoffice, word_as_pdf

HEADINGS = ("岗位名称", "所属部门", "直接上级", "编制", "岗位目的", "岗位职责", "任职要求", "工作地点", "薪资范围",
            "考核指标")
INTERNAL = re.compile(r"\b(S[0-4]|derived|lead|user_ops|content|campaign)\b|\(lead\)|来源标注|承接职责")


def download(client, plan):
    response = client.get(reverse("plans:role-specs-docx", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment") and ".docx" in response["Content-Disposition"]
    return response.content


def all_text(document):
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_plan_page_offers_the_word_file(manager_client, plan):
    page = manager_client.get(plan.get_absolute_url()).content.decode()
    assert reverse("plans:role-specs-docx", args=[plan.pk]) in page


def test_every_role_has_its_heading_requirements_and_no_internal_codes(manager_client, manager, make_plan):
    plan = make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth",
                     city_tier="tier1")
    document = Document(BytesIO(download(manager_client, plan)))

    roles = TeamPlan.objects.with_team().get(pk=plan.pk).staffed_roles()
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [role.name_zh for role in roles]
    text = all_text(document)
    for heading in HEADINGS:
        assert heading in text
    assert text.count("任职要求") == len(roles)
    assert "一线城市" in text  # the plan's city tier is the work place
    with_band = [role for role in roles if role.salary_p25 is not None]
    assert with_band and all(f"¥{role.salary_p25:,}–¥{role.salary_p75:,}" in text for role in with_band)
    assert all(line["zh"] in text for role in roles for line in role.qualifications)
    assert all(role.qualifications for role in roles) and "学历：" in text and "工具：" in text
    assert not INTERNAL.search(text) and not any(role.code in text for role in roles)
    assert "{{" not in text and "{%" not in text


def test_styles_name_an_east_asian_font(manager_client, plan):
    document = Document(BytesIO(download(manager_client, plan)))
    for name in ("Normal", "Heading 1", "Heading 2", "List Bullet"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT and fonts.get(qn("w:eastAsiaTheme")) is None


def test_the_template_hr_edits_is_committed_and_holds_tags():
    template = Document(TEMPLATE)
    text = all_text(template)
    assert "{%p for role in roles %}" in text and "{{ role.name }}" in text and "{%tr for kpi in role.kpis %}" in text


@needs_libreoffice
@needs_poppler
def test_libreoffice_converts_it_one_role_per_page_with_an_embedded_cjk_font(manager_client, plan, tmp_path):
    data = word_as_pdf(tmp_path, download(manager_client, plan))

    pages = pdf_pages(pdf_text(tmp_path, data, "converted.pdf"))
    roles = TeamPlan.objects.with_team().get(pk=plan.pk).staffed_roles()
    assert len(pages) == len(roles)
    for role, page in zip(roles, pages, strict=True):
        assert role.name_zh in page and "任职要求" in page
    assert cjk_embedded(pdf_fonts(tmp_path, data, "converted.pdf"))
