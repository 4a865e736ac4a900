"""The downloads: buttons on the plan page, fixed query counts, and the helpers
every file response goes through (file names, Content-Disposition)."""
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans.exports.downloads import (
    XLSX_CONTENT_TYPE,
    content_disposition,
    export_filename,
    safe_filename,
    workbook_response,
)
from plans.exports.kpi_sheets import build_kpi_workbook
from plans.models import TeamPlan
from plans.services import plan_role_add
from teams.models import Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX and response["Content-Disposition"].startswith("attachment")
    return load_workbook(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


@pytest.mark.parametrize("name", ["plans:role-specs-xlsx", "plans:kpi-sheets-xlsx"])
def test_manager_downloads_own_workbooks_from_the_plan_page(manager_client, manager, make_plan, name):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    page = manager_client.get(plan.get_absolute_url()).content.decode()
    assert reverse(name, args=[plan.pk]) in page

    book = workbook(manager_client.get(reverse(name, args=[plan.pk])))

    staffed = plan.staffed_roles()
    assert len(book.worksheets) >= len(staffed)
    text = {str(cell.value) for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value}
    assert all(any(role.name_zh in value for value in text) for role in staffed)


def test_hr_downloads_any_managers_workbook(client, hr_user, manager, make_plan):
    plan = make_plan(manager)
    client.force_login(hr_user)
    assert workbook(client.get(reverse("plans:role-specs-xlsx", args=[plan.pk])))


@pytest.mark.parametrize("name", ["plans:role-specs-xlsx", "plans:kpi-sheets-xlsx"])
def test_export_views_use_a_fixed_number_of_queries(manager_client, manager, make_plan, name,
                                                    django_assert_num_queries):
    small = make_plan(manager, headcount_budget=1)
    big = make_plan(manager, phase="mature", employees=3000, live_streaming=True, business_lines=2)
    for role in Role.objects.exclude(code__in=big.roles.values("code")):
        plan_role_add(plan=big, role=role)
    manager_client.get(reverse(name, args=[small.pk]))
    with CaptureQueriesContext(connection) as baseline:
        manager_client.get(reverse(name, args=[small.pk]))
    with django_assert_num_queries(len(baseline)):
        assert manager_client.get(reverse(name, args=[big.pk])).status_code == 200


@pytest.fixture
def plan(make_plan, manager):
    return TeamPlan.objects.with_team().get(pk=make_plan(manager).pk)


# --- Downloads -----------------------------------------------------------------------------------------------------
def test_safe_filename():
    assert safe_filename("示例品牌-岗位说明书", ".xlsx") == "示例品牌-岗位说明书.xlsx"
    assert safe_filename('../a/b\\c:"d"\r\n', "xlsx") == "a_b_c_d.xlsx"
    assert safe_filename("", ".xlsx") == "export.xlsx"
    assert len(safe_filename("长" * 300, ".xlsx")) <= 85


def test_workbook_response_is_an_xlsx_attachment(plan):
    response = workbook_response(build_kpi_workbook(plan), "示例品牌-考核表.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=utf-8''%E7%A4%BA%E4%BE%8B" in disposition
    assert int(response["Content-Length"]) == len(response.content)
    assert load_workbook(BytesIO(response.content)).sheetnames


def test_ascii_filenames_use_a_plain_content_disposition():
    assert content_disposition("plan-7.xlsx") == 'attachment; filename="plan-7.xlsx"'
    assert content_disposition("方案.xlsx") == (
        "attachment; filename=\"export.xlsx\"; filename*=utf-8''%E6%96%B9%E6%A1%88.xlsx")


def test_export_filename(plan):
    assert re.fullmatch(r"示例品牌-考核表-\d{4}-\d{2}-\d{2}\.xlsx", export_filename(plan, "kpi_sheets"))


def test_the_org_chart_svg_is_a_private_attachment_like_the_workbooks(manager_client, manager, make_plan):
    plan = make_plan(manager)
    response = manager_client.get(reverse("plans:org-chart-svg", args=[plan.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "filename*=utf-8''%E7%A4%BA%E4%BE%8B" in response["Content-Disposition"]  # 示例品牌-….svg
    assert response["Content-Disposition"].endswith(".svg")
    assert int(response["Content-Length"]) == len(response.content)
    assert response["Cache-Control"] == "private, no-store"
