"""The PDFs and the PNG HR hands out, opened as their readers do (pdftotext, pdffonts, the PNG header)."""
import re
import struct
import subprocess

import pytest
from django.urls import reverse

from plans.exports.pdf import STATIC_BASE, StaticFetcher
from plans.exports.png import PNG_FONT
from plans.models import TeamPlan
from plans.orgchart import plan_chart, render_svg
from plans.orgchart.layout import NODE_W, PAD, TITLE
from plans.orgchart.text import wrap

from .documents import cjk_embedded, needs_poppler, pdf_fonts, pdf_pages, pdf_text

pytestmark = needs_poppler
BIG = {"company_name": "大型零售集团", "employees": 5000, "industry": "retail", "phase": "mature",
       "live_streaming": True, "business_lines": 3, "member_share": 60}


def download(client, name, plan, content_type="application/pdf"):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type and response["Content-Disposition"].startswith("attachment")
    return response.content


def name_lines(role):
    """The lines a role's name is wrapped into in its chart box."""
    return wrap(role.name_zh, TITLE.size, NODE_W - 2 * PAD)


def staffed(plan):
    return TeamPlan.objects.with_team().get(pk=plan.pk).staffed_roles()


def test_plan_page_offers_the_pdfs(manager_client, plan):
    page = manager_client.get(plan.get_absolute_url()).content.decode()
    for name in ("plans:org-chart-pdf", "plans:kpi-sheets-pdf", "plans:role-specs-pdf"):
        assert reverse(name, args=[plan.pk]) in page


def test_org_chart_pdf_is_one_landscape_page_with_every_role_in_chinese(manager_client, plan, tmp_path):
    data = download(manager_client, "plans:org-chart-pdf", plan)

    text = pdf_text(tmp_path, data)
    assert len(pdf_pages(text)) == 1
    for role in staffed(plan):
        assert all(line in text for line in name_lines(role)), role.code  # names are wrapped, never cut
    assert "组织架构图" in text and plan.company_name in text and "团队所在部门" in text  # heading and legend
    assert cjk_embedded(pdf_fonts(tmp_path, data))
    info = subprocess.run(["pdfinfo", str(tmp_path / "doc.pdf")], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # landscape


def test_a_wide_chart_is_scaled_to_the_page_not_clipped(manager_client, manager, make_plan, tmp_path):
    plan = make_plan(manager, **BIG)
    roles = staffed(plan)
    assert len(roles) >= 15
    data = download(manager_client, "plans:org-chart-pdf", plan)
    path = tmp_path / "wide.pdf"
    path.write_bytes(data)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout

    page_width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert boxes.count("<page ") == 1 and max(right_edges) <= page_width
    text = pdf_text(tmp_path, data)
    assert all(line in text for role in roles for line in name_lines(role))


def test_kpi_sheets_pdf_has_one_page_per_role_with_review_fields(manager_client, plan, tmp_path):
    data = download(manager_client, "plans:kpi-sheets-pdf", plan)

    pages = pdf_pages(pdf_text(tmp_path, data))
    roles = staffed(plan)
    assert len(pages) == len(roles)  # no title-only page, no sheet spilling over
    for role, page in zip(roles, pages, strict=True):
        assert role.name_zh in page
        for field in ("员工姓名", "考核周期", "评估人", "自评分", "上级评分", "员工签字", "评估人签字"):
            assert field in page
    assert "试运行期：不设扣减档" in pages[0]  # the default plan is in the launch phase
    assert not any("处罚" in page for page in pages)
    assert cjk_embedded(pdf_fonts(tmp_path, data))


def test_campaign_sheet_keeps_the_gmv_tree_on_its_page(manager_client, manager, make_plan, tmp_path):
    plan = make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth")
    roles = staffed(plan)
    assert any(role.has_gmv_tree for role in roles)
    pages = pdf_pages(pdf_text(tmp_path, download(manager_client, "plans:kpi-sheets-pdf", plan)))

    assert len(pages) == len(roles)
    campaign = next(page for role, page in zip(roles, pages, strict=True) if role.has_gmv_tree)
    assert "GMV 拆解" in campaign and "评估人签字" in campaign
    assert "用户数：" in campaign and "用户数:" not in campaign  # the Chinese colon after a label
    assert not any("试运行期" in page for page in pages)  # penalties apply after the launch phase


def test_role_specs_pdf_is_the_candidate_copy(manager_client, plan, tmp_path):
    data = download(manager_client, "plans:role-specs-pdf", plan)

    text = pdf_text(tmp_path, data)
    pages = pdf_pages(text)
    roles = staffed(plan)
    assert len(pages) == len(roles)
    for role, page in zip(roles, pages, strict=True):
        assert role.name_zh in page
        for heading in ("岗位名称", "所属部门", "直接上级", "编制", "职责", "任职要求", "工作地点", "薪资范围"):
            assert heading in page
    assert "(lead)" not in text and not re.search(r"\bS[0-4]\b|derived|user_ops", text)
    assert cjk_embedded(pdf_fonts(tmp_path, data))


def test_org_chart_png_is_wide_enough_and_names_the_cjk_font(manager_client, plan):
    data = download(manager_client, "plans:org-chart-png", plan, "image/png")

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height > 0
    svg = render_svg(plan_chart(plan), text_font=PNG_FONT)
    assert svg.count("<text ") == svg.count(f'font-family="{PNG_FONT}"') > 0


@pytest.mark.parametrize("name", ["plans:org-chart-pdf", "plans:org-chart-png", "plans:kpi-sheets-pdf",
                                  "plans:role-specs-pdf"])
def test_another_managers_plan_is_not_found(client, other_manager, plan, name):
    client.force_login(other_manager)
    assert client.get(reverse(name, args=[plan.pk])).status_code == 404


def test_documents_read_static_files_only():
    fetcher = StaticFetcher()
    assert b"@page" in fetcher.fetch(STATIC_BASE + "css/pdf.css").read()
    for url in ("https://example.com/x.css", STATIC_BASE + "../siyu/settings.py", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
