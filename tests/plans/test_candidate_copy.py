"""The role-spec workbook HR hands to a candidate: every cell read, nothing internal left; HR's copy keeps it all."""
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from common.choices import Source
from plans.models import TeamPlan
from teams.models import Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOURCE_WORDS = {"推导", "derived"} | {f"S{n}" for n in range(5)}


def cells(book):
    return [str(cell.value) for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if cell.value not in (None, "")]


def internal_findings(values, codes):
    """Everything a candidate should not read: role codes, source tags and HR-only labels."""
    found = []
    for value in values:
        words = set(re.findall(r"[A-Za-z_0-9]+", value))
        found += [f"code {code} in {value!r}" for code in codes if code in words]
        found += [f"source tag in {value!r}" for word in SOURCE_WORDS if word in words or word in value]
        found += [f"HR label in {value!r}" for word in ("来源标注", "承接职责的岗位", "推荐理由", "为什么设这个岗位")
                  if word in value]
        if value.strip() in {"无", "none"} or "(lead)" in value:
            found.append(f"internal marker in {value!r}")
    return found


def download(client, name, plan):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content))


@pytest.fixture
def big_plan(manager, make_plan):
    """Merged roles, absorbed duties and several tiers: every internal detail the HR copy prints is in play."""
    return make_plan(manager, company_name="成长品牌", employees=500, industry="ecommerce", phase="growth",
                     city_tier="tier1", headcount_budget=6)


def test_no_cell_of_the_candidate_copy_is_internal(manager_client, big_plan):
    book = download(manager_client, "plans:role-specs-xlsx", big_plan)

    plan = TeamPlan.objects.with_team().get(pk=big_plan.pk)
    assert [role for role in plan.team if not role.staffed], "the budget merges roles into others"
    titles = [f"{role.name_zh} · 岗位说明书" for role in plan.staffed_roles()]
    assert [ws["A1"].value for ws in book.worksheets] == titles
    codes = set(Role.objects.values_list("code", flat=True))
    assert internal_findings(cells(book), codes) == []


def test_the_candidate_sheet_reads_as_a_job_description(manager_client, big_plan):
    book = download(manager_client, "plans:role-specs-xlsx", big_plan)
    plan = TeamPlan.objects.with_team().get(pk=big_plan.pk)

    for ws, role in zip(book.worksheets, plan.staffed_roles(), strict=True):
        values = [str(cell.value) for row in ws.iter_rows() for cell in row if cell.value]
        for heading in ("基本信息", "岗位名称", "所属部门", "直接上级", "编制", "工作地点", "薪资范围", "岗位目的",
                        "岗位职责", "任职要求", "考核指标"):
            assert heading in values, (role.code, heading)
        assert ws["A1"].value == f"{role.name_zh} · 岗位说明书" and ws["A2"].value == "成长品牌"
        assert all(any(duty["zh"] in value for value in values) for duty in role.duties)
        assert all(f"{q_kind(q)}：{q['zh']}" in values for q in role.qualifications)
        assert all(kpi.name_zh in values for kpi in role.kpis.all())
        assert "一线城市" in values
        assert ws.page_setup.orientation == "portrait" and ws.sheet_properties.pageSetUpPr.fitToPage


def q_kind(entry):
    return {"education": "学历", "experience": "工作经验", "skill": "技能", "tool": "工具"}[entry["kind"]]


def test_hr_copy_keeps_codes_sources_and_the_overview(manager_client, big_plan):
    book = download(manager_client, "plans:role-specs-hr-xlsx", big_plan)

    values = cells(book)
    assert book.worksheets[0].title == "总览"
    assert any("(lead)" in value for value in values)
    assert "来源标注" in values and "承接职责的岗位" in values
    assert {Source(tag).label for tag in ("S2", "derived")} <= set(values)
    assert internal_findings(values, {"lead"})  # the very things the candidate copy leaves out


def test_hr_copy_lists_each_requirement_with_its_source(manager_client, big_plan):
    book = download(manager_client, "plans:role-specs-hr-xlsx", big_plan)
    plan = TeamPlan.objects.with_team().get(pk=big_plan.pk)
    lead = next(role for role in plan.staffed_roles() if role.code == "lead")

    ws = book[lead.name_zh]
    rows = {ws.cell(row=r, column=3).value: (ws.cell(row=r, column=2).value, ws.cell(row=r, column=9).value)
            for r in range(1, ws.max_row + 1)}
    for entry in lead.qualifications:
        assert rows[entry["zh"]] == (q_kind(entry), Source(entry["source"]).label)


def test_the_plan_page_offers_both_copies(manager_client, big_plan):
    page = manager_client.get(big_plan.get_absolute_url()).content.decode()
    assert reverse("plans:role-specs-xlsx", args=[big_plan.pk]) in page
    assert reverse("plans:role-specs-hr-xlsx", args=[big_plan.pk]) in page
