"""Renderings cached under the plan and library revisions: never stale, never drawn twice."""
import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.services import plan_role_update
from teams.models import Role


def growth_section(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return re.search(r'<ol class="growth">(.*?)</ol>', response.content.decode(), re.S).group(1)


def added_at_later_phases(client, plan):
    return re.findall(r"<li>\+\d+ ([^<]+)</li>", growth_section(client, plan))


def test_a_library_rename_shows_in_the_growth_path_at_once(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    first = added_at_later_phases(manager_client, plan)
    assert first
    role = Role.objects.get(name_zh=first[0])
    role.name_zh = "改名后的岗位"
    role.save()

    assert added_at_later_phases(manager_client, plan)[0] == "改名后的岗位"


def test_the_growth_path_follows_the_language(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    first = added_at_later_phases(manager_client, plan)[0]
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert added_at_later_phases(manager_client, plan)[0] == Role.objects.get(name_zh=first).name_en


def test_a_plan_edit_redraws_the_growth_path(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    before = growth_section(manager_client, plan)
    role = plan.roles.filter(merged_into__isnull=True).exclude(code="lead").first()
    plan_role_update(plan_role=role, headcount=role.headcount + 5, reports_to=role.reports_to, kpi_values={})

    after = growth_section(manager_client, plan)
    assert after != before
    assert str(plan.roles.get(pk=role.pk).plan.total_headcount) in after


def test_a_repeat_view_does_not_run_the_engine(manager_client, manager, make_plan, monkeypatch):
    plan = make_plan(manager, phase="launch")
    growth_section(manager_client, plan)
    monkeypatch.setattr("plans.views.growth_path", lambda **kwargs: (_ for _ in ()).throw(AssertionError("ran")))

    assert added_at_later_phases(manager_client, plan)


# --- the KPI sheets page, cached under the plan's revision like the org chart -------------------------------

def kpi_sheets(client, plan):
    response = client.get(reverse("plans:kpi-sheets", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_kpi_target_edit_shows_on_the_kpi_sheets_at_once(manager_client, role):
    kpi_sheets(manager_client, role.plan)
    kpis = list(role.kpis.all())
    values = {kpi: {"weight": kpi.weight, "target": kpi.target, "met_threshold": kpi.met_threshold,
                    "exceeded_threshold": kpi.exceeded_threshold} for kpi in kpis}
    values[kpis[0]]["target"] = 987654
    plan_role_update(plan_role=role, headcount=role.headcount, reports_to=role.reports_to, kpi_values=values)

    assert "987654" in kpi_sheets(manager_client, role.plan)


def test_the_kpi_sheets_follow_the_language(manager_client, role):
    kpi = role.kpis.first()
    assert kpi.name_zh in kpi_sheets(manager_client, role.plan)
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = kpi_sheets(manager_client, role.plan)
    assert kpi.name_en in text and kpi.name_zh not in text


def test_a_repeat_view_of_the_kpi_sheets_reads_no_roles(manager_client, manager, make_plan):
    small = make_plan(manager, phase="launch", employees=10, headcount_budget=1)
    big = make_plan(manager, phase="mature", employees=5000, live_streaming=True, business_lines=3)
    kpi_sheets(manager_client, small)
    kpi_sheets(manager_client, big)
    with CaptureQueriesContext(connection) as first:
        kpi_sheets(manager_client, small)
    with CaptureQueriesContext(connection) as again:
        kpi_sheets(manager_client, big)

    assert len(first) == len(again)
    assert not [query for query in again.captured_queries if "plans_planrole" in query["sql"]]
