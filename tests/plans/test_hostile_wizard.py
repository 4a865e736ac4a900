"""Hostile input in the wizard and plan forms and the plan API: over-long strings, bad numbers, unknown codes and
other plans' ids are a clear 4xx or the form again with the field's error, nothing written, never a 500."""
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import TeamPlan, WizardDraft
from teams.models import Role
from tests.conftest import API_PROFILE as PROFILE
from tests.conftest import COMPANY, SITUATION, WORKLOAD, edit_data, walk
from tests.hostile import BAD_COUNTS, BAD_NUMBERS, LONG, assert_shown, edit_url, kpi_errors, plans_state

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

    assert response.status_code == 400 and "company_name" in response.json()["fields"]
    assert not TeamPlan.objects.exists()


def test_an_over_long_company_name_is_a_400_when_renaming_through_the_api(manager, plan):
    api = APIClient()
    api.force_authenticate(manager)
    before = plans_state()

    response = api.patch(f"/api/plans/{plan.pk}/", {"company_name": LONG}, format="json")

    assert response.status_code == 400 and "company_name" in response.json()["fields"]
    assert plans_state() == before


def test_over_long_strings_in_the_role_edit_form_are_refused(manager_client, role):
    before = plans_state()
    data = edit_data(role, headcount=LONG, reports_to=LONG, **{"kpi-0-target": LONG, "kpi-1-weight": LONG})

    response = manager_client.post(edit_url(role), data)

    assert response.status_code == 200
    assert {"headcount", "reports_to"} <= set(response.context["form"].errors)
    assert "target" in kpi_errors(response, 0) and "weight" in kpi_errors(response, 1)
    assert plans_state() == before


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
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD)
    before = plans_state()

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 4]), {"headcount_budget": value})

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
        assert field in response.json()["fields"], url
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
        assert field in response.json()["fields"], url
    assert plans_state() == before


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
