"""Renderings cached under the plan and library revisions: never stale, never drawn twice."""
import re

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.services import plan_rename, plan_role_update
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


# --- the plan page: its parts cached under the plan, the library, the language and the user's rights --------

def plan_page(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def role_card(page, code):
    return re.search(rf'<article class="card role-card" id="role-{code}">(.*?)</article>', page, re.S).group(1)


def addable(page):
    select = re.search(r'<select name="role"[^>]*>(.*?)</select>', page, re.S)
    return re.findall(r'<option value="\d+">([^<]+)</option>', select.group(1)) if select else []


def test_a_headcount_edit_shows_on_the_plan_page_at_once(manager_client, role):
    headcount = role.headcount
    assert f"{headcount} 人" in role_card(plan_page(manager_client, role.plan), role.code)
    plan_role_update(plan_role=role, headcount=headcount + 7, reports_to=role.reports_to, kpi_values={})

    after = plan_page(manager_client, role.plan)
    assert f"{headcount + 7} 人" in role_card(after, role.code)
    total = re.search(r'<div class="stat"><b>(\d+)</b>', after).group(1)
    assert int(total) == sum(r.headcount for r in role.plan.roles.all())


def test_the_plan_page_follows_the_language(manager_client, role):
    assert role.name_zh in role_card(plan_page(manager_client, role.plan), role.code)
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = plan_page(manager_client, role.plan)
    assert role.name_en in role_card(page, role.code) and "The team" in page


def test_a_new_library_role_is_offered_on_the_plan_page_at_once(manager_client, plan):
    before = addable(plan_page(manager_client, plan))
    Role.objects.create(code="fresh", name_zh="新岗位甲", name_en="Fresh role", tier="front", order=99)

    assert "新岗位甲" not in before
    assert "新岗位甲" in addable(plan_page(manager_client, plan))
    Role.objects.filter(code="fresh").update(is_active=False)
    Role.objects.get(code="fresh").save()  # a save through the model moves the library revision
    assert "新岗位甲" not in addable(plan_page(manager_client, plan))


def test_edit_buttons_follow_the_user_not_the_cached_page(manager_client, client, hr_user, role):
    edit = reverse("plans:role-edit", args=[role.plan.pk, role.pk])
    assert edit in plan_page(manager_client, role.plan)
    client.force_login(hr_user)

    page = plan_page(client, role.plan)
    assert role.name_zh in page and edit not in page and 'id="add-role"' not in page


def token_of(page, form_id):
    form = re.search(rf'<form id="{form_id}"[^>]*>(.*?)</form>', page, re.S).group(1)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_a_cached_plan_page_carries_each_visitors_own_csrf_token(manager, plan):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for visitor in (first, second):
        visitor.force_login(manager)
    plan_page(first, plan)  # drawn and cached for the first visitor
    page = plan_page(second, plan)
    role = Role.objects.exclude(code__in=plan.roles.values("code")).filter(is_active=True).first()

    sent = {"csrfmiddlewaretoken": token_of(page, "add-role"), "role": role.pk, "revision": plan.revision}
    response = second.post(reverse("plans:role-add", args=[plan.pk]), sent)
    assert response.status_code == 302
    assert role.name_zh in role_card(plan_page(second, plan), role.code)
    copy = second.post(reverse("plans:duplicate", args=[plan.pk]),
                       {"csrfmiddlewaretoken": token_of(plan_page(second, plan), "plan-duplicate")})
    assert copy.status_code == 302 and copy["Location"] != plan.get_absolute_url()
    assert 'form="plan-duplicate"' in page and 'form="plan-replan"' in page


def test_a_submitted_plan_page_drops_its_edit_buttons_at_once(manager_client, api, role):
    edit = reverse("plans:role-edit", args=[role.plan.pk, role.pk])
    assert edit in plan_page(manager_client, role.plan)
    assert api.post(f"/api/plans/{role.plan.pk}/submit/", {}, format="json").status_code == 200

    page = plan_page(manager_client, role.plan)
    assert edit not in page and 'id="add-role"' not in page


def test_a_rename_shows_in_the_plan_pages_heading_at_once(manager_client, plan):
    assert f"<h1>{plan.company_name}</h1>" in plan_page(manager_client, plan)
    plan_rename(plan=plan, company_name="新的品牌名")

    assert "<h1>新的品牌名</h1>" in plan_page(manager_client, plan)
