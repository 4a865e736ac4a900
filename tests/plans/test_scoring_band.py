"""The scoring band's start (“scored from”, PlanKPI.threshold): edited with the KPI's weight and target, checked
against the met point, saved for every KPI in one bulk update, and printed on the KPI sheets."""
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from plans.exports.formulas import COL
from plans.exports.kpi_sheets import KPI_HEADER_ROW
from plans.services import plan_role_update
from tests.conftest import edit_data
from tests.hostile import BAD_NUMBERS, assert_shown, edit_url, kpi_errors, plans_state


def test_the_owner_moves_the_start_of_the_band_and_the_sheets_show_it(manager_client, role):
    first, second = list(role.kpis.all())[:2]
    data = edit_data(role, **{"kpi-0-threshold": 70, "kpi-1-threshold": 90})
    with CaptureQueriesContext(connection) as queries:
        response = manager_client.post(edit_url(role), data)
    assert response.status_code == 302

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.threshold, second.threshold) == (70, 90)
    kpi_updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "plans_plankpi"')]
    assert len(kpi_updates) == 1  # every KPI row in one bulk update

    page = manager_client.get(f"/plans/{role.plan_id}/kpi-sheets/").content.decode()
    assert page.count('data-label="计分起点">70%<') == 1 and page.count('data-label="计分起点">90%<') == 1

    response = manager_client.get(f"/plans/{role.plan_id}/kpi-sheets.xlsx")
    book = load_workbook(BytesIO(response.content))
    ws = next(ws for ws in book.worksheets if role.name_zh in ws.title)
    assert ws[f"{COL['threshold']}{(KPI_HEADER_ROW + 1)}"].value == 70
    assert ws[f"{COL['threshold']}{(KPI_HEADER_ROW + 1) + 1}"].value == 90


@pytest.mark.parametrize("scored_from", [100, 150])
def test_a_start_at_or_above_the_met_point_is_refused_by_name(manager_client, role, scored_from):
    before = plans_state()
    data = edit_data(role, **{"kpi-0-threshold": scored_from, "kpi-0-met_threshold": 100, "headcount": 3})

    response = manager_client.post(edit_url(role), data)

    assert response.status_code == 200
    errors = kpi_errors(response, 0)
    assert list(errors) == ["threshold"]
    assert_shown(response, errors["threshold"])
    assert "“计分起点”必须低于“达成线”（100）" in response.content.decode()
    assert plans_state() == before  # the headcount sent with it is not saved either


@pytest.mark.parametrize("value", [*BAD_NUMBERS, "-1", "1001"])
def test_a_bad_start_number_is_a_field_error_and_nothing_changes(manager_client, role, value):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-threshold": value}))

    assert response.status_code == 200
    assert "threshold" in kpi_errors(response, 0)
    assert_shown(response, kpi_errors(response, 0)["threshold"])
    assert plans_state() == before


def test_zero_starts_the_band_at_nothing_achieved(manager_client, role):
    response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-threshold": 0}))
    assert response.status_code == 302 and role.kpis.first().threshold == 0


def test_the_service_refuses_a_start_above_the_met_point_and_saves_nothing(role):
    before = plans_state()
    kpis = list(role.kpis.all())
    values = {kpi: {"weight": kpi.weight, "target": None, "threshold": 80, "met_threshold": 100,
                    "exceeded_threshold": 120} for kpi in kpis}
    values[kpis[-1]]["threshold"] = 110

    with pytest.raises(ValidationError) as error:
        plan_role_update(plan_role=role, headcount=role.headcount, reports_to=role.reports_to, kpi_values=values)

    assert "“计分起点”必须低于“达成线”。" in error.value.messages
    assert plans_state() == before
