"""Plans side by side: deltas that add up, only readable plans, versions and the next phase, a live workbook."""
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import TeamPlan
from plans.services import plan_role_update
from tests.conftest import edit_data

from .libreoffice import needs_libreoffice, recalculated


@pytest.fixture
def two_plans(manager, make_plan):
    small = make_plan(manager, company_name="小店", phase="launch", employees=80)
    big = make_plan(manager, company_name="大店", phase="growth", employees=600, industry="ecommerce",
                    private_domain_users=120_000, communities=150)
    return TeamPlan.objects.with_team().get(pk=small.pk), TeamPlan.objects.with_team().get(pk=big.pk)


def test_per_role_deltas_add_up_to_the_totals(manager_client, two_plans):
    small, big = two_plans
    page = manager_client.get(reverse("plans:compare") + f"?ids={small.pk},{big.pk}")
    comparison = page.context["comparison"]

    assert comparison.headcounts == (small.total_headcount, big.total_headcount)
    assert comparison.costs == (small.cost.monthly, big.cost.monthly)
    assert sum(row.deltas[0] for row in comparison.roles) == big.total_headcount - small.total_headcount
    assert sum(row.cost_deltas[0] for row in comparison.roles) == big.cost.monthly - small.cost.monthly
    for role in big.team:
        row = next(r for r in comparison.roles if r.code == role.code)
        before = next((r.headcount for r in small.team if r.code == role.code), 0)
        assert row.deltas == (role.headcount - before,)


def test_the_page_shows_each_plan_its_roles_and_placement(manager_client, two_plans):
    small, big = two_plans
    html = manager_client.get(reverse("plans:compare") + f"?ids={small.pk},{big.pk}").content.decode()
    assert "小店" in html and "大店" in html
    for role in big.staffed_roles():
        assert f'id="compare-{role.code}"' in html
    assert big.get_placement_display() in html and small.get_placement_display() in html


def test_kpi_changes_of_a_role_are_listed_in_its_row(manager_client, manager, make_plan):
    plan = make_plan(manager)
    role = plan.roles.get(code="content")
    kpis = list(role.kpis.all())
    data = edit_data(role, **{"kpi-0-weight": kpis[0].weight + 5, "kpi-1-weight": kpis[1].weight - 5})
    manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), data)

    page = manager_client.get(reverse("plans:compare") + f"?ids={plan.pk}&versions=1,2")
    row = next(r for r in page.context["comparison"].roles if r.code == "content")
    assert [str(change) for change in row.changes[0]] == [
        f"{kpis[0].name_zh} 权重 {kpis[0].weight}% → {kpis[0].weight + 5}%",
        f"{kpis[1].name_zh} 权重 {kpis[1].weight}% → {kpis[1].weight - 5}%"]
    assert row.deltas == (0,)


def test_two_versions_of_one_plan_side_by_side(manager_client, plan):
    role = plan.roles.get(code="content")
    manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, headcount=4))
    page = manager_client.get(reverse("plans:compare") + f"?ids={plan.pk}&from=1&to=2")

    comparison = page.context["comparison"]
    assert [str(c.title) for c in comparison.columns] == ["版本 1", "版本 2"]
    assert next(r for r in comparison.roles if r.code == "content").deltas == (4 - role.headcount,)
    assert comparison.deltas == (4 - role.headcount,)


def test_this_plan_at_the_next_phase_in_one_click(manager_client, plan):
    html = manager_client.get(plan.get_absolute_url()).content.decode()
    link = reverse("plans:compare") + f"?ids={plan.pk}&amp;next=1"
    assert link in html

    page = manager_client.get(link.replace("&amp;", "&"))
    comparison = page.context["comparison"]
    growth = manager_client.get(plan.get_absolute_url()).context["growth"]
    _label, next_draft, _added, _cost = growth[0]
    assert comparison.headcounts == (plan.total_headcount, next_draft.total_headcount)
    assert comparison.costs[1] == next_draft.monthly_cost


def test_a_plan_at_the_last_phase_has_no_next_phase(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="mature")
    response = manager_client.get(reverse("plans:compare") + f"?ids={plan.pk}&next=1")
    assert response.status_code == 400 and "next" in response.context["error"]


@pytest.mark.parametrize("ids", ["1", "1,2,3,4", "a,b", "5,5", "5,05", "1,99999999999999999999", ",,"])
def test_a_bad_list_of_ids_is_a_clear_400(manager_client, ids):
    response = manager_client.get(reverse("plans:compare") + f"?ids={ids}")
    assert response.status_code == 400 and response.context["error"].startswith("ids")


def test_another_managers_plan_cannot_be_compared_but_hr_can(client, manager, other_manager, hr_user, make_plan, api):
    mine, theirs = make_plan(manager), make_plan(other_manager)
    query = f"?ids={mine.pk},{theirs.pk}"
    client.force_login(manager)
    response = client.get(reverse("plans:compare") + query)
    assert response.status_code == 400 and str(theirs.pk) in response.context["error"]
    assert api.get(f"/api/plans/compare/{query}").status_code == 400
    assert client.get(reverse("plans:compare-xlsx") + query).status_code == 400

    client.force_login(hr_user)
    assert client.get(reverse("plans:compare") + query).status_code == 200


def test_the_picker_lists_only_readable_plans(manager_client, manager, other_manager, make_plan):
    make_plan(manager, company_name="我的方案")
    make_plan(other_manager, company_name="别人的方案")
    html = manager_client.get(reverse("plans:compare")).content.decode()
    assert "我的方案" in html and "别人的方案" not in html


def test_api_compare_gives_headcounts_deltas_and_totals(api, two_plans):
    small, big = two_plans
    body = api.get(f"/api/plans/compare/?ids={small.pk},{big.pk}").json()

    lead = next(r for r in body["roles"] if r["code"] == "lead")
    assert set(lead) >= {"code", "name", "headcount", "delta"}
    assert body["totals"]["headcount"] == [small.total_headcount, big.total_headcount]
    assert sum(r["delta"] for r in body["roles"]) == body["totals"]["delta"]
    assert all(r["delta"] == r["headcount"][1] - r["headcount"][0] for r in body["roles"])
    assert api.get("/api/plans/compare/?ids=x").json()["fields"] == {"ids": [
        "ids：请给出两个或三个方案编号，用英文逗号分隔，例如 ids=12,15。"]}


def test_compare_page_query_count_stays_fixed_as_versions_grow(manager_client, plan, django_assert_num_queries):
    role = plan.roles.get(code="content")
    plan_role_update(plan_role=role, headcount=2, reports_to=role.reports_to, kpi_values={})
    url = reverse("plans:compare") + f"?ids={plan.pk}&versions=1,2"
    manager_client.get(url)
    with CaptureQueriesContext(connection) as few:
        manager_client.get(url)
    for headcount in range(3, 20):
        plan_role_update(plan_role=role, headcount=headcount, reports_to=role.reports_to, kpi_values={})
    with django_assert_num_queries(len(few)):
        assert manager_client.get(url).status_code == 200


def test_the_workbook_has_live_delta_and_total_formulas(manager_client, two_plans):
    small, big = two_plans
    response = manager_client.get(reverse("plans:compare-xlsx") + f"?ids={small.pk},{big.pk}")
    ws = load_workbook(io.BytesIO(response.content)).active
    lead_row = next(row for row in range(5, ws.max_row + 1) if ws.cell(row, 1).value == big.roles.get(
        code="lead").name_zh)
    assert ws.cell(lead_row, 4).value == f"=C{lead_row}-B{lead_row}"
    assert ws.cell(lead_row, 7).value == f"=F{lead_row}-E{lead_row}"
    total_row = next(row for row in range(5, ws.max_row + 1) if ws.cell(row, 1).value == "合计")
    assert ws.cell(total_row, 2).value == f"=SUM(B5:B{total_row - 1})"


@needs_libreoffice
def test_libreoffice_computes_the_same_deltas_and_totals_as_the_app(manager_client, two_plans, tmp_path):
    small, big = two_plans
    response = manager_client.get(reverse("plans:compare-xlsx") + f"?ids={small.pk},{big.pk}")
    comparison = manager_client.get(reverse("plans:compare") + f"?ids={small.pk},{big.pk}").context["comparison"]
    (book,) = recalculated(tmp_path, load_workbook(io.BytesIO(response.content)))
    ws = book.active
    rows = {ws.cell(row, 1).value: row for row in range(5, ws.max_row + 1)}
    for role in comparison.roles:
        row = rows[str(role.name)]
        assert (ws.cell(row, 4).value, ws.cell(row, 7).value) == (role.deltas[0], role.cost_deltas[0])
    total = rows["合计"]
    assert [ws.cell(total, col).value for col in (2, 3, 4, 5, 6, 7)] == [
        small.total_headcount, big.total_headcount, big.total_headcount - small.total_headcount,
        small.cost.monthly, big.cost.monthly, big.cost.monthly - small.cost.monthly]
