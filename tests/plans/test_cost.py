"""What a saved plan costs: the page, the API, a salary edit, and the cost workbook recalculated by LibreOffice."""
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plans.exports.team_cost import HEADER_ROW, build_team_cost_workbook
from plans.models import PlanRole, TeamPlan
from teams.engine.cost import on_costs
from tests.conftest import API_PROFILE, edit_data

from .libreoffice import needs_libreoffice, recalculated


@pytest.fixture
def priced_plan(make_plan, manager):
    return make_plan(manager, phase="growth", employees=600, industry="ecommerce", city_tier="tier1",
                     monthly_budget=150_000)


def test_role_costs_add_up_to_the_plans_and_a_year_is_at_least_twelve_months(priced_plan):
    plan = TeamPlan.objects.with_team().get(pk=priced_plan.pk)

    staffed = plan.staffed_roles()
    assert all(role.salary == role.salary_p50 and role.cost.monthly > 0 for role in staffed)
    assert plan.cost.monthly == sum(role.cost.monthly for role in staffed)
    assert plan.cost.annual >= 12 * plan.cost.monthly


def test_the_recommendation_and_the_saved_plan_cost_the_same(api):
    recommended = api.post("/api/recommendations/", {**API_PROFILE, "city_tier": "tier1"}, format="json").json()
    saved = api.post("/api/plans/", {**API_PROFILE, "city_tier": "tier1"}, format="json").json()

    assert recommended["monthly_cost"] == saved["monthly_cost"] > 0
    assert recommended["annual_cost"] == saved["annual_cost"]
    assert saved["cost"]["salary"] + saved["cost"]["on_costs"] == saved["monthly_cost"]
    assert sum(role["monthly_cost"] for role in saved["roles"]) == saved["monthly_cost"]
    lead = next(role for role in saved["roles"] if role["code"] == "lead")
    assert set(lead["salary"]) == {"p25", "p50", "p75"} and lead["monthly_salary"] == lead["salary"]["p50"]


@pytest.mark.parametrize(("field", "value"), [("city_tier", "tier9"), ("city_tier", 1), ("monthly_budget", -5),
                                              ("monthly_budget", 0), ("monthly_budget", "lots")])
def test_a_bad_city_tier_or_money_budget_is_a_400_naming_the_field(api, field, value):
    response = api.post("/api/recommendations/", {**API_PROFILE, field: value}, format="json")

    assert response.status_code == 400 and list(response.json()["fields"]) == [field]


def test_editing_a_roles_salary_changes_every_total(manager_client, priced_plan):
    role = priced_plan.roles.get(code="content")
    before = TeamPlan.objects.with_team().get(pk=priced_plan.pk).cost

    response = manager_client.post(reverse("plans:role-edit", args=[priced_plan.pk, role.pk]),
                                   edit_data(role, salary=str(role.salary + 1000)))

    assert response.status_code == 302
    after_plan = TeamPlan.objects.with_team().get(pk=priced_plan.pk)
    assert after_plan.cost.salary == before.salary + 1000 * role.headcount
    assert after_plan.cost.monthly > before.monthly and after_plan.cost.annual > before.annual
    api_body = manager_client.get(f"/api/plans/{priced_plan.pk}/").json()
    assert api_body["monthly_cost"] == after_plan.cost.monthly


def test_an_empty_salary_goes_back_to_the_bands_median(manager_client, priced_plan):
    role = priced_plan.roles.get(code="content")
    PlanRole.objects.filter(pk=role.pk).update(salary=99_999)
    role.refresh_from_db()

    manager_client.post(reverse("plans:role-edit", args=[priced_plan.pk, role.pk]), edit_data(role, salary=""))

    role.refresh_from_db()
    assert role.salary == role.salary_p50


def test_the_plan_page_shows_the_cost_and_how_far_over_the_budget_it_is(manager_client, make_plan, manager):
    plan = make_plan(manager, phase="growth", employees=600, industry="ecommerce", city_tier="tier1")
    TeamPlan.objects.filter(pk=plan.pk).update(monthly_budget=10_000)  # far below what the team costs
    plan = TeamPlan.objects.with_team().get(pk=plan.pk)

    html = manager_client.get(plan.get_absolute_url()).content.decode()

    assert f"¥{plan.cost.monthly:,}" in html and "stat-over" in html
    assert f"¥{plan.cost.monthly - 10_000:,}" in html


def rows_by_role(ws):
    return {ws.cell(row, 1).value: row for row in range(HEADER_ROW + 1, ws.max_row + 1)}


@needs_libreoffice
def test_the_cost_workbook_recomputes_to_the_apps_figures_and_follows_a_salary_change(tmp_path, priced_plan):
    plan = TeamPlan.objects.with_team(kpis=False).get(pk=priced_plan.pk)
    workbook = build_team_cost_workbook(plan)
    edited = load_workbook(BytesIO(_bytes(workbook)))
    sheet = edited.worksheets[0]
    content = next(role for role in plan.staffed_roles() if role.code == "content")
    sheet.cell(rows_by_role(sheet)[content.name], 3).value = content.salary + 1000

    as_built, as_edited = (book.worksheets[0] for book in recalculated(tmp_path, workbook, edited))

    rows = rows_by_role(as_built)
    total = rows["合计"]
    assert as_built.cell(total, 7).value == plan.cost.monthly
    assert as_built.cell(total, 8).value == plan.cost.annual
    for role in plan.staffed_roles():
        assert as_built.cell(rows[role.name], 7).value == role.cost.monthly, role.code
    raised = on_costs(content.salary + 1000, plan.on_cost_specs) - on_costs(content.salary, plan.on_cost_specs)
    assert raised > 0  # a higher salary pays more on-costs, until the base's ceiling
    assert as_edited.cell(total, 7).value == plan.cost.monthly + content.headcount * (1000 + raised)
    assert as_built.cell(total + 2, 7).value == 150_000 - plan.cost.monthly  # under (or over) the budget


def _bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_cost_workbook_download(manager_client, priced_plan):
    response = manager_client.get(reverse("plans:team-cost-xlsx", args=[priced_plan.pk]))

    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    ws = load_workbook(BytesIO(response.content)).worksheets[0]
    assert ws.cell(1, 1).value == "团队成本"
    assert str(ws.cell(HEADER_ROW + 1, 7).value).startswith("=B")
