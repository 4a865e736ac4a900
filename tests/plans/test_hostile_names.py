"""Hostile company names: HTML, script and control characters are shown as text on every plan page, header and
SVG, never executed in the browser, never a 500."""
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import TeamPlan
from tests.conftest import API_PROFILE as PROFILE
from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD, walk
from tests.hostile import HOSTILE_NAMES, assert_escaped, edit_url

# --- HTML and script in the company name are shown as text --------------------------------------------------

@pytest.fixture
def hostile_plan(manager_client, request):
    """A plan saved through the wizard with a company name that is HTML."""
    name = request.param
    draft = walk(manager_client, {**COMPANY, "company_name": name}, SITUATION, WORKLOAD, CONSTRAINTS)
    review = manager_client.get(reverse("wizard:step", args=[draft.pk, 5]))
    assert review.status_code == 200
    assert_escaped(review.content.decode(), name)
    list_with_draft = manager_client.get(reverse("plans:list"))
    assert_escaped(list_with_draft.content.decode(), name)

    saved = manager_client.post(reverse("wizard:step", args=[draft.pk, 5]), {"save": "1"})

    assert saved.status_code == 302
    plan = TeamPlan.objects.get()
    assert plan.company_name == name, "stored as typed; escaping is the page's job"
    return plan


@pytest.mark.parametrize("hostile_plan", HOSTILE_NAMES, indirect=True)
@pytest.mark.parametrize("page", ["plans:detail", "plans:org-chart", "plans:kpi-sheets", "plans:delete"])
def test_an_html_company_name_is_escaped_on_plan_pages(manager_client, hostile_plan, page):
    response = manager_client.get(reverse(page, args=[hostile_plan.pk]))

    assert response.status_code == 200
    assert_escaped(response.content.decode(), hostile_plan.company_name)


@pytest.mark.parametrize("hostile_plan", HOSTILE_NAMES, indirect=True)
def test_an_html_company_name_is_escaped_on_the_plan_list_home_and_role_edit(manager_client, hostile_plan):
    role = hostile_plan.roles.get(code="content")
    for url in [reverse("plans:list"), reverse("home"), edit_url(role)]:
        response = manager_client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), hostile_plan.company_name)


@pytest.mark.parametrize("hostile_plan", HOSTILE_NAMES, indirect=True)
def test_an_html_company_name_is_escaped_when_re_planning_and_deleting(manager_client, hostile_plan):
    replan = manager_client.post(reverse("plans:replan", args=[hostile_plan.pk]), follow=True)
    assert replan.status_code == 200
    assert_escaped(replan.content.decode(), hostile_plan.company_name)

    deleted = manager_client.post(reverse("plans:delete", args=[hostile_plan.pk]), follow=True)
    assert deleted.status_code == 200
    assert_escaped(deleted.content.decode(), hostile_plan.company_name)  # the "deleted" message


@pytest.mark.parametrize("hostile_plan", HOSTILE_NAMES, indirect=True)
def test_an_html_company_name_leaves_the_org_chart_svg_valid_xml(manager_client, hostile_plan):
    response = manager_client.get(reverse("plans:org-chart-svg", args=[hostile_plan.pk]))

    assert response.status_code == 200
    svg = response.content.decode()
    assert "<script" not in svg and "<img" not in svg
    root = ElementTree.fromstring(svg)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title.text == f"{hostile_plan.company_name} · 组织架构图"
    assert root.get("aria-label") == title.text
    assert "\n" not in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["a\r\nSet-Cookie: x=1", "品牌\x01\x0b\x1f", "tab\tname\x7f"])
def test_control_characters_in_a_company_name_break_no_page_header_or_svg(manager_client, manager, name):
    api = APIClient()
    api.force_authenticate(manager)
    created = api.post("/api/plans/", {**PROFILE, "company_name": name}, format="json")
    if created.status_code == 400:
        assert "company_name" in created.json()["fields"] and not TeamPlan.objects.exists()
        return
    plan = TeamPlan.objects.get()
    for page in ["plans:detail", "plans:org-chart", "plans:kpi-sheets", "plans:role-specs-xlsx",
                 "plans:kpi-sheets-xlsx"]:
        assert manager_client.get(reverse(page, args=[plan.pk])).status_code == 200, page

    response = manager_client.get(reverse("plans:org-chart-svg", args=[plan.pk]))

    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"] and "\r" not in response["Content-Disposition"]
    ElementTree.fromstring(response.content)  # still valid XML
