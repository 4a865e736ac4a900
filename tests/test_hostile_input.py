"""Hostile input everywhere: a clear 4xx or the form again with the field's error, nothing written,
nothing executed in the browser, never a 500."""
import io
import os
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from import_export.formats.base_formats import CSV, XLSX
from rest_framework.test import APIClient

from kpis.models import KPITemplate
from plans.models import PlanKPI, PlanRole, TeamPlan, WizardDraft
from teams.models import Capability, Duty, PlacementRule, Role, RoleKPI, SizeThreshold, StaffingRule

from .conftest import API_PROFILE as PROFILE
from .conftest import COMPANY, CONSTRAINTS, SITUATION, edit_data, walk

LONG = "长" * 10_000
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_NAMES = [pytest.param(SCRIPT, id="script"), pytest.param(IMG, id="img")]

# Not a number, negative, too big for any column, not whole, empty, and more digits than int() will read.
BAD_NUMBERS = ["abc", "-5", str(10**20), "1.5", "", "9" * 10_000]
BAD_COUNTS = [pytest.param(value, id=value[:12] or "empty") for value in BAD_NUMBERS]



# --- helpers -----------------------------------------------------------------------------------------------

def plans_state():
    """Every row a plan is made of, with every column (updated_at included: a touched plan is a written plan)."""
    return {model.__name__: sorted(model.objects.values_list(), key=repr)
            for model in (TeamPlan, PlanRole, PlanKPI, WizardDraft)}


def library_state():
    return {model.__name__: sorted(model.objects.values_list(), key=repr)
            for model in (Role, Duty, Capability, StaffingRule, PlacementRule, SizeThreshold, KPITemplate, RoleKPI)}


def edit_url(role):
    return reverse("plans:role-edit", args=[role.plan_id, role.pk])


def kpi_errors(response, index):
    return response.context["formset"].forms[index].errors


def assert_shown(response, errors):
    """Every error is on the page the user gets back, not only in the form object."""
    assert errors
    html = response.content.decode()
    for error in errors:
        assert escape(error) in html, error


def assert_escaped(html, name):
    """The name is on the page, escaped, and nowhere raw."""
    assert name not in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert escaped in html


@pytest.fixture
def plan(manager, make_plan):
    return make_plan(manager)


@pytest.fixture
def role(plan):
    """A role with a manager and several KPIs, so every field of the edit form is in play."""
    role = plan.roles.get(code="content")
    assert role.reports_to is not None and role.kpis.count() >= 2
    return role


# --- over-long strings -------------------------------------------------------------------------------------

def test_an_over_long_company_name_is_refused_by_the_wizard(manager_client):
    response = manager_client.post(reverse("wizard:start"), {**COMPANY, "company_name": LONG})

    assert response.status_code == 200
    assert "company_name" in response.context["form"].errors
    assert 'id="id_company_name_error"' in response.content.decode()
    assert not WizardDraft.objects.exists()


def test_an_over_long_company_name_is_refused_when_re_entered_in_a_draft(manager_client):
    draft = walk(manager_client, COMPANY)
    before = plans_state()

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 1]), {**COMPANY, "company_name": LONG})

    assert response.status_code == 200 and "company_name" in response.context["form"].errors
    assert plans_state() == before


@pytest.mark.parametrize("url", ["/api/recommendations/", "/api/plans/"])
def test_an_over_long_company_name_is_a_400_from_the_api(manager, url):
    api = APIClient()
    api.force_authenticate(manager)

    response = api.post(url, {**PROFILE, "company_name": LONG}, format="json")

    assert response.status_code == 400 and "company_name" in response.json()
    assert not TeamPlan.objects.exists()


def test_an_over_long_company_name_is_a_400_when_renaming_through_the_api(manager, plan):
    api = APIClient()
    api.force_authenticate(manager)
    before = plans_state()

    response = api.patch(f"/api/plans/{plan.pk}/", {"company_name": LONG}, format="json")

    assert response.status_code == 400 and "company_name" in response.json()
    assert plans_state() == before


def test_over_long_strings_in_the_role_edit_form_are_refused(manager_client, role):
    before = plans_state()
    data = edit_data(role, headcount=LONG, reports_to=LONG, **{"kpi-0-target": LONG, "kpi-1-weight": LONG})

    response = manager_client.post(edit_url(role), data)

    assert response.status_code == 200
    assert {"headcount", "reports_to"} <= set(response.context["form"].errors)
    assert "target" in kpi_errors(response, 0) and "weight" in kpi_errors(response, 1)
    assert plans_state() == before


# --- HTML and script in the company name are shown as text --------------------------------------------------

@pytest.fixture
def hostile_plan(manager_client, request):
    """A plan saved through the wizard with a company name that is HTML."""
    name = request.param
    draft = walk(manager_client, {**COMPANY, "company_name": name}, SITUATION, CONSTRAINTS)
    review = manager_client.get(reverse("wizard:step", args=[draft.pk, 4]))
    assert review.status_code == 200
    assert_escaped(review.content.decode(), name)
    list_with_draft = manager_client.get(reverse("plans:list"))
    assert_escaped(list_with_draft.content.decode(), name)

    saved = manager_client.post(reverse("wizard:step", args=[draft.pk, 4]), {"save": "1"})

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
    assert title.text == hostile_plan.company_name
    assert root.get("aria-label") == hostile_plan.company_name
    assert "\n" not in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["a\r\nSet-Cookie: x=1", "品牌\x01\x0b\x1f", "tab\tname\x7f"])
def test_control_characters_in_a_company_name_break_no_page_header_or_svg(manager_client, manager, name):
    api = APIClient()
    api.force_authenticate(manager)
    created = api.post("/api/plans/", {**PROFILE, "company_name": name}, format="json")
    if created.status_code == 400:
        assert "company_name" in created.json() and not TeamPlan.objects.exists()
        return
    plan = TeamPlan.objects.get()
    for page in ["plans:detail", "plans:org-chart", "plans:kpi-sheets", "plans:role-specs-xlsx",
                 "plans:kpi-sheets-xlsx"]:
        assert manager_client.get(reverse(page, args=[plan.pk])).status_code == 200, page

    response = manager_client.get(reverse("plans:org-chart-svg", args=[plan.pk]))

    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"] and "\r" not in response["Content-Disposition"]
    ElementTree.fromstring(response.content)  # still valid XML


# --- numbers: not a number, negative, huge, decimal, empty ----------------------------------------------------

@pytest.mark.parametrize("value", BAD_COUNTS)
def test_a_bad_employee_count_is_a_field_error_and_nothing_is_saved(manager_client, value):
    response = manager_client.post(reverse("wizard:start"), {**COMPANY, "employees": value})

    assert response.status_code == 200
    assert "employees" in response.context["form"].errors
    assert not WizardDraft.objects.exists()


@pytest.mark.parametrize("field", ["business_lines", "member_share"])
@pytest.mark.parametrize("value", [*BAD_COUNTS, "101"])
def test_a_bad_situation_number_is_a_field_error_and_the_draft_is_unchanged(manager_client, field, value):
    draft = walk(manager_client, COMPANY)
    before = plans_state()

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 2]), {**SITUATION, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert plans_state() == before


@pytest.mark.parametrize("value", [v for v in BAD_NUMBERS if v] + ["0", "1001"])
def test_a_bad_headcount_budget_is_a_field_error_and_the_draft_is_unchanged(manager_client, value):
    draft = walk(manager_client, COMPANY, SITUATION)
    before = plans_state()

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 3]), {"headcount_budget": value})

    assert response.status_code == 200
    assert "headcount_budget" in response.context["form"].errors
    assert plans_state() == before


def test_back_with_bad_numbers_keeps_the_saved_answers(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION)

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 2]),
                                   {**SITUATION, "member_share": str(10**20), "business_lines": "-1", "back": "1"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["member_share"] == 40 and draft.answers["business_lines"] == 1


def test_back_on_the_first_step_with_bad_answers_saves_no_draft(manager_client):
    response = manager_client.post(reverse("wizard:start"),
                                   {**COMPANY, "company_name": LONG, "employees": "abc", "back": "1"})

    assert response.status_code == 200
    assert {"company_name", "employees"} <= set(response.context["form"].errors)
    assert not WizardDraft.objects.exists()


API_BAD_NUMBERS = {"text": "abc", "negative": -5, "huge": 10**20, "decimal": 1.5, "empty": "", "null": None,
                   "bool": True, "digits": "9" * 10_000}


@pytest.mark.parametrize(("field", "value"), [
    pytest.param(field, value, id=f"{field}-{name}")
    for field in ["employees", "business_lines", "member_share", "headcount_budget"]
    for name, value in API_BAD_NUMBERS.items() if not (field == "headcount_budget" and value is None)  # no limit
])
def test_a_bad_number_in_the_api_profile_is_a_400_naming_the_field(manager, field, value):
    api = APIClient()
    api.force_authenticate(manager)

    for url in ["/api/recommendations/", "/api/plans/"]:
        response = api.post(url, {**PROFILE, field: value}, format="json")
        assert response.status_code == 400, url
        assert field in response.json(), url
    assert not TeamPlan.objects.exists()


@pytest.mark.parametrize("value", [*BAD_COUNTS, "1001"])
def test_a_bad_headcount_is_a_field_error_and_nothing_changes(manager_client, role, value):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, headcount=value))

    assert response.status_code == 200
    assert "headcount" in response.context["form"].errors
    assert plans_state() == before


@pytest.mark.parametrize(("field", "value"), [
    pytest.param(field, value, id=f"{field}-{value[:12] or 'empty'}")
    for field in ["weight", "met_threshold", "exceeded_threshold"] for value in [*BAD_NUMBERS, "0", "1001"]
    if not (field == "weight" and value == "0")  # a weight of 0 is allowed; the sum is checked
])
def test_a_bad_kpi_number_is_a_field_error_and_nothing_changes(manager_client, role, field, value):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, **{f"kpi-0-{field}": value}))

    assert response.status_code == 200
    assert field in kpi_errors(response, 0)
    assert plans_state() == before


@pytest.mark.parametrize("value", ["abc", "-5", str(10**20), "1.234", "NaN", "Infinity", "9" * 10_000])
def test_a_bad_kpi_target_is_a_field_error_and_nothing_changes(manager_client, role, value):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-target": value}))

    assert response.status_code == 200
    assert "target" in kpi_errors(response, 0)
    assert plans_state() == before


@pytest.mark.parametrize(("met", "exceeded"), [(150, 120), (120, 120)])
def test_met_from_at_or_above_exceeded_from_is_a_clear_error(manager_client, role, met, exceeded):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-met_threshold": met,
                                                                        "kpi-0-exceeded_threshold": exceeded}))

    assert response.status_code == 200
    errors = kpi_errors(response, 0)
    assert "exceeded_threshold" in errors
    assert_shown(response, errors["exceeded_threshold"])
    assert "plankpi_met_below_exceeded" not in response.content.decode(), "a constraint name is no message"
    assert plans_state() == before


def test_weights_over_100_in_total_are_refused(manager_client, role):
    before = plans_state()
    data = edit_data(role, **{f"kpi-{i}-weight": 100 for i in range(role.kpis.count())})

    response = manager_client.post(edit_url(role), data)

    assert response.status_code == 200
    assert "100" in str(response.context["form"].non_field_errors())
    assert plans_state() == before


# --- unknown codes and other plans' ids ----------------------------------------------------------------------

@pytest.mark.parametrize("value", ["mining", "", "<script>", LONG])
def test_an_unknown_industry_is_a_field_error(manager_client, value):
    response = manager_client.post(reverse("wizard:start"), {**COMPANY, "industry": value})

    assert response.status_code == 200 and "industry" in response.context["form"].errors
    assert not WizardDraft.objects.exists()


@pytest.mark.parametrize("value", ["someday", "", "LAUNCH", LONG])
def test_an_unknown_phase_is_a_field_error(manager_client, value):
    draft = walk(manager_client, COMPANY)
    before = plans_state()

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 2]), {**SITUATION, "phase": value})

    assert response.status_code == 200 and "phase" in response.context["form"].errors
    assert plans_state() == before


@pytest.mark.parametrize(("field", "value"), [("industry", "mining"), ("phase", "someday"), ("industry", 7),
                                              ("phase", None), ("industry", ["retail"])])
def test_an_unknown_choice_is_a_400_from_the_api(manager, plan, field, value):
    api = APIClient()
    api.force_authenticate(manager)
    before = plans_state()

    for method, url in [("post", "/api/recommendations/"), ("post", "/api/plans/"),
                        ("patch", f"/api/plans/{plan.pk}/")]:
        body = {**PROFILE, field: value} if method == "post" else {field: value}
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code == 400, url
        assert field in response.json(), url
    assert plans_state() == before


@pytest.fixture
def other_plans(manager, other_manager, make_plan):
    """Another plan of mine and a plan of another manager: their roles are foreign to ``plan``."""
    return [make_plan(manager, company_name="另一个方案"), make_plan(other_manager)]


def test_reports_to_a_role_of_another_plan_is_refused(manager_client, other_plans, role):
    before = plans_state()

    for foreign in [other.roles.get(code="lead") for other in other_plans]:
        response = manager_client.post(edit_url(role), edit_data(role, reports_to=foreign.pk))
        assert response.status_code == 200
        assert "reports_to" in response.context["form"].errors
    for bogus in ["999999", "-1", "abc"]:
        response = manager_client.post(edit_url(role), edit_data(role, reports_to=bogus))
        assert response.status_code == 200 and "reports_to" in response.context["form"].errors
    assert plans_state() == before


def test_a_merged_role_cannot_be_a_manager(manager_client, manager, make_plan):
    plan = make_plan(manager)
    merged = plan.roles.filter(merged_into__isnull=False).first()
    assert merged is not None
    role = plan.roles.get(code="content")
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, reports_to=merged.pk))

    assert response.status_code == 200 and "reports_to" in response.context["form"].errors
    assert plans_state() == before


def test_the_lead_cannot_be_given_a_manager(manager_client, plan):
    lead = plan.roles.get(code="lead")
    before = plans_state()

    response = manager_client.post(edit_url(lead), edit_data(lead, reports_to=plan.roles.get(code="content").pk))

    assert response.status_code == 200 and "reports_to" in response.context["form"].errors
    assert plans_state() == before


def test_a_kpi_of_another_role_or_plan_cannot_be_edited_through_this_form(
        manager_client, manager, other_manager, make_plan, plan, role):
    sibling = plan.roles.get(code="lead").kpis.first()
    mine_too = make_plan(manager, company_name="另一个方案").roles.get(code="content").kpis.first()
    theirs = make_plan(other_manager).roles.get(code="content").kpis.first()
    before = plans_state()

    for foreign in [sibling, mine_too, theirs]:
        response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-id": foreign.pk,
                                                                          "kpi-0-weight": 0}))
        assert response.status_code == 200, foreign
        assert "id" in kpi_errors(response, 0), foreign
        assert_shown(response, response.context["formset"].non_form_errors())
    for bogus in ["999999", "abc", ""]:
        response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-0-id": bogus}))
        assert response.status_code == 200 and "id" in kpi_errors(response, 0), bogus
    assert plans_state() == before


def test_extra_kpi_rows_cannot_be_smuggled_in(manager_client, role):
    count = role.kpis.count()
    before = plans_state()
    data = edit_data(role, **{"kpi-TOTAL_FORMS": count + 1, f"kpi-{count}-weight": 0, f"kpi-{count}-target": "1",
                              f"kpi-{count}-met_threshold": 100, f"kpi-{count}-exceeded_threshold": 120})

    response = manager_client.post(edit_url(role), data)

    assert response.status_code == 200
    assert_shown(response, response.context["formset"].non_form_errors())
    assert plans_state() == before


@pytest.mark.parametrize("total", ["0", "-1", "abc", "100000", ""])
def test_a_tampered_kpi_management_form_is_refused(manager_client, role, total):
    before = plans_state()

    response = manager_client.post(edit_url(role), edit_data(role, **{"kpi-TOTAL_FORMS": total}))

    assert response.status_code == 200
    assert_shown(response, response.context["formset"].non_form_errors())
    assert plans_state() == before


@pytest.mark.parametrize("value", ["999999", "-1", "abc", "", LONG])
def test_adding_a_role_that_does_not_exist_writes_nothing(manager_client, plan, value):
    before = plans_state()

    response = manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": value}, follow=True)

    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert plans_state() == before


def test_adding_a_role_already_in_the_plan_writes_nothing(manager_client, plan):
    before = plans_state()
    present = Role.objects.get(code="content")

    response = manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": present.pk}, follow=True)

    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert plans_state() == before


# --- URL tampering ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/plans/999999/", "/plans/999999/org-chart/", "/plans/999999/org-chart.svg", "/plans/999999/kpi-sheets/",
    "/plans/999999/role-specs.xlsx", "/plans/999999/kpi-sheets.xlsx", "/plans/999999/delete/",
    "/plans/999999/roles/1/edit/", "/plans/999999/roles/1/remove/", "/wizard/999999/2/", "/wizard/999999/4/",
    "/api/plans/999999/", "/api/roles/no-such-role/", "/api/kpis/no-such-kpi/", "/library/no-such-role/",
])
def test_unknown_ids_are_404(manager_client, url):
    assert manager_client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/plans/abc/", "/plans/-1/", "/wizard/1/x/", "/plans/1/roles/abc/edit/"])
def test_malformed_ids_are_404(manager_client, url):
    assert manager_client.get(url).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("number", [0, 5, 99, 10**6])
def test_out_of_range_wizard_steps_redirect_to_the_open_step(manager_client, method, number):
    draft = walk(manager_client, COMPANY)
    before = plans_state()

    response = getattr(manager_client, method)(reverse("wizard:step", args=[draft.pk, number]), SITUATION)

    assert response.status_code == 302
    assert response["Location"] == reverse("wizard:step", args=[draft.pk, 2])
    assert plans_state() == before


def test_a_draft_of_another_manager_is_404(manager_client, other_manager):
    other = Client()
    other.force_login(other_manager)
    theirs = walk(other, COMPANY, SITUATION, CONSTRAINTS)
    before = plans_state()

    for number in [1, 2, 4]:
        assert manager_client.get(reverse("wizard:step", args=[theirs.pk, number])).status_code == 404
        assert manager_client.post(reverse("wizard:step", args=[theirs.pk, number]), COMPANY).status_code == 404
    assert plans_state() == before


def test_role_ids_of_another_plan_are_404(manager_client, other_plans, plan):
    before = plans_state()

    for foreign in [other.roles.get(code="content") for other in other_plans]:
        edit = reverse("plans:role-edit", args=[plan.pk, foreign.pk])
        remove = reverse("plans:role-remove", args=[plan.pk, foreign.pk])
        assert manager_client.get(edit).status_code == 404
        assert manager_client.post(edit, edit_data(foreign)).status_code == 404
        assert manager_client.get(remove).status_code == 404
        assert manager_client.post(remove).status_code == 404
    assert plans_state() == before


def test_another_managers_plan_cannot_be_replanned_duplicated_or_extended(manager_client, other_manager, make_plan):
    theirs = make_plan(other_manager)
    before = plans_state()

    assert manager_client.post(reverse("plans:replan", args=[theirs.pk])).status_code == 404
    assert manager_client.post(reverse("plans:duplicate", args=[theirs.pk])).status_code == 404
    assert manager_client.post(reverse("plans:role-add", args=[theirs.pk]),
                               {"role": Role.objects.get(code="ads").pk}).status_code == 404
    assert plans_state() == before


LIST_FILTERS = {"/api/plans/": {"phase", "industry"}, "/api/roles/": {"tier"}, "/api/kpis/": {"family", "phase"}}


@pytest.mark.parametrize("query", ["phase=someday", "industry=%3Cscript%3Ealert(1)%3C/script%3E", "page=abc",
                                   "page=999999", "page=-1", "page_size=100000", "tier=%22%3E%3Cimg%20src=x%3E"])
@pytest.mark.parametrize("url", ["/api/plans/", "/api/roles/", "/api/kpis/"])
def test_bad_api_list_parameters_are_a_4xx_or_ignored_and_never_raw_html(manager, plan, url, query):
    api = APIClient()
    api.force_authenticate(manager)

    as_json = api.get(f"{url}?{query}")
    as_html = api.get(f"{url}?{query}", HTTP_ACCEPT="text/html")  # the browsable API

    name = query.split("=")[0]
    expected = 400 if name in LIST_FILTERS[url] else 404 if name == "page" else 200  # unknown parameters ignored
    assert as_json.status_code == expected and as_json["Content-Type"] == "application/json"
    assert as_html.status_code == as_json.status_code
    assert "<script>alert(1)" not in as_html.content.decode() and "<img src=x" not in as_html.content.decode()


# --- admin import of broken, binary and oversized files ----------------------------------------------------

IMPORT_URL = "/admin/teams/role/import/"


def format_index(file_format):
    return str(admin.site._registry[Role].get_import_formats().index(file_format))


def post_import(client, file, file_format):
    return client.post(IMPORT_URL, {"format": format_index(file_format), "resource": "0", "import_file": file})


def assert_refused(response, before, *words):
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    errors = response.context["form"].errors.get("import_file", [])
    assert errors, response.context["form"].errors
    html = response.content.decode()
    for word in words:
        assert word in " ".join(errors) and word in html
    assert library_state() == before


@pytest.fixture
def librarian_client(client, library_admin):
    client.force_login(library_admin)
    return client


def test_random_bytes_named_xlsx_are_refused(librarian_client):
    before = library_state()
    file = SimpleUploadedFile("roles.xlsx", os.urandom(4096))

    assert_refused(post_import(librarian_client, file, XLSX), before)


def test_an_empty_file_is_refused(librarian_client):
    before = library_state()

    for file_format, name in [(XLSX, "roles.xlsx"), (CSV, "roles.csv")]:
        assert_refused(post_import(librarian_client, SimpleUploadedFile(name, b""), file_format), before)


def test_a_csv_holding_a_binary_blob_is_refused(librarian_client):
    before = library_state()
    blob = b"code,name_zh\n" + bytes(range(256)) * 16 + b"\x00\xff\xfe" + os.urandom(2048)

    assert_refused(post_import(librarian_client, SimpleUploadedFile("roles.csv", blob), CSV), before)


def test_a_zip_that_is_not_a_workbook_is_refused(librarian_client):
    import zipfile

    before = library_state()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")

    assert_refused(post_import(librarian_client, SimpleUploadedFile("roles.xlsx", buffer.getvalue()), XLSX), before)


@pytest.mark.parametrize(("file_format", "name"), [(CSV, "roles.csv"), (XLSX, "roles.xlsx")])
def test_an_oversized_file_is_refused_naming_the_limit(librarian_client, file_format, name):
    before = library_state()
    big = b"code,name_zh,name_en\n" + b"x,y,z\n" * (6 * 1024 * 1024 // 6)
    assert len(big) > 6 * 1024 * 1024 - 100

    assert_refused(post_import(librarian_client, SimpleUploadedFile(name, big), file_format), before, "5 MB")


@pytest.mark.parametrize("url", ["/admin/kpis/kpitemplate/import/", "/admin/teams/rolekpi/import/",
                                 "/admin/teams/duty/import/", "/admin/teams/capability/import/",
                                 "/admin/teams/staffingrule/import/", "/admin/teams/placementrule/import/",
                                 "/admin/teams/sizethreshold/import/"])
def test_every_library_import_refuses_an_oversized_file(librarian_client, url):
    before = library_state()
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * (6 * 1024 * 1024 // 4))
    model_admin = next(a for m, a in admin.site._registry.items()
                       if url.startswith(f"/admin/{m._meta.app_label}/{m._meta.model_name}/"))
    index = str(model_admin.get_import_formats().index(CSV))

    response = librarian_client.post(url, {"format": index, "resource": "0", "import_file": big})

    assert response.status_code == 200
    assert "5 MB" in " ".join(response.context["form"].errors.get("import_file", []))
    assert library_state() == before


@pytest.mark.parametrize("forged", [
    {"import_file_name": "no-such-file"}, {"import_file_name": "../../etc/passwd"}, {"format": "99"},
    {"format": "abc"}, {"resource": "7"}, {"resource": "abc"},
])
def test_a_forged_import_confirm_step_is_sent_back_to_the_upload(librarian_client, forged):
    before = library_state()
    data = {"import_file_name": "no-such-file", "original_file_name": "roles.csv", "format": format_index(CSV),
            "resource": "0", **forged}

    response = librarian_client.post("/admin/teams/role/process_import/", data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[-1][0] == IMPORT_URL
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert library_state() == before


@pytest.mark.parametrize("value", ["99", "-1", "abc", ""])
def test_an_unknown_import_format_is_a_field_error(librarian_client, value):
    before = library_state()
    file = SimpleUploadedFile("roles.csv", b"code\nlead\n")

    response = librarian_client.post(IMPORT_URL, {"format": value, "resource": "0", "import_file": file})

    assert response.status_code == 200 and "format" in response.context["form"].errors
    assert library_state() == before


# --- forged requests: no CSRF token -------------------------------------------------------------------------

@pytest.fixture
def csrf_client(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    return client


def test_wizard_posts_without_a_csrf_token_are_403(csrf_client, manager):
    draft = WizardDraft.objects.create(owner=manager, step=3, answers={
        "company_name": "草稿", "employees": 150, "industry": "retail", "phase": "growth", "strategic": False,
        "live_streaming": False, "business_lines": 1, "member_share": 40, "headcount_budget": None})
    before = plans_state()

    assert csrf_client.post(reverse("wizard:start"), COMPANY).status_code == 403
    assert csrf_client.post(reverse("wizard:step", args=[draft.pk, 2]), SITUATION).status_code == 403
    assert csrf_client.post(reverse("wizard:step", args=[draft.pk, 4]), {"save": "1"}).status_code == 403
    assert plans_state() == before


def test_plan_edits_without_a_csrf_token_are_403(csrf_client, role):
    plan = role.plan
    before = plans_state()

    assert csrf_client.post(edit_url(role), edit_data(role, headcount=5)).status_code == 403
    assert csrf_client.post(reverse("plans:delete", args=[plan.pk])).status_code == 403
    assert csrf_client.post(reverse("plans:role-remove", args=[plan.pk, role.pk])).status_code == 403
    assert csrf_client.post(reverse("plans:role-add", args=[plan.pk]),
                            {"role": Role.objects.get(code="ads").pk}).status_code == 403
    assert csrf_client.post(reverse("plans:duplicate", args=[plan.pk])).status_code == 403
    assert csrf_client.post(reverse("plans:replan", args=[plan.pk])).status_code == 403
    assert plans_state() == before


def test_a_forged_token_is_refused_too(csrf_client, role):
    before = plans_state()
    csrf_client.cookies["csrftoken"] = "a" * 32

    response = csrf_client.post(edit_url(role), {**edit_data(role, headcount=5), "csrfmiddlewaretoken": "b" * 32})

    assert response.status_code == 403
    assert plans_state() == before


def test_set_language_without_a_csrf_token_is_403(csrf_client):
    response = csrf_client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_admin_import_without_a_csrf_token_is_403(library_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(library_admin)
    before = library_state()

    response = client.post(IMPORT_URL, {"format": format_index(CSV), "resource": "0",
                                        "import_file": SimpleUploadedFile("roles.csv", b"code\nlead\n")})

    assert response.status_code == 403
    assert library_state() == before


def test_the_api_with_a_session_and_no_csrf_token_is_403(csrf_client, plan):
    before = plans_state()

    assert csrf_client.post("/api/plans/", PROFILE, content_type="application/json").status_code == 403
    assert csrf_client.patch(f"/api/plans/{plan.pk}/", {"company_name": "改名"},
                             content_type="application/json").status_code == 403
    assert csrf_client.delete(f"/api/plans/{plan.pk}/").status_code == 403
    assert csrf_client.post("/api/recommendations/", PROFILE, content_type="application/json").status_code == 403
    assert plans_state() == before
    assert csrf_client.get(f"/api/plans/{plan.pk}/").status_code == 200, "reading needs no token"
