"""The REST API of plans: owner-scoped plans, anonymous calls refused, fixed queries, JSON 404s."""
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plans.models import TeamPlan
from plans.services import plan_role_update
from tests.conftest import API_PROFILE as PROFILE
from tests.conftest import ROLE_KEYS


def test_anonymous_requests_are_refused(db):
    client = APIClient()
    assert client.post("/api/recommendations/", PROFILE, format="json").status_code == 401
    assert client.get("/api/plans/").status_code == 401


def test_creating_a_plan_saves_it_for_the_caller(api, manager):
    response = api.post("/api/plans/", PROFILE, format="json")

    assert response.status_code == 201
    body = response.json()
    plan = TeamPlan.objects.get(pk=body["id"])
    assert plan.owner == manager and body["company_name"] == "API 品牌" and body["owner"] == manager.username
    assert {role["code"] for role in body["roles"]} == set(plan.roles.values_list("code", flat=True))
    assert all(set(role) == ROLE_KEYS | {"monthly_salary"} for role in body["roles"])
    assert api.get(f"/api/plans/{plan.pk}/").json()["roles"] == body["roles"]


def test_plans_are_scoped_to_their_owner(api, other_manager, make_plan):
    theirs = make_plan(other_manager)
    assert api.get("/api/plans/").json()["count"] == 0
    assert api.get(f"/api/plans/{theirs.pk}/").status_code == 404
    assert api.patch(f"/api/plans/{theirs.pk}/", {"company_name": "x"}, format="json").status_code == 404
    assert api.delete(f"/api/plans/{theirs.pk}/").status_code == 404
    assert TeamPlan.objects.filter(pk=theirs.pk, company_name=theirs.company_name).exists()


def test_hr_reads_all_plans_but_cannot_write(hr_user, manager, make_plan):
    plan = make_plan(manager)
    client = APIClient()
    client.force_authenticate(hr_user)

    assert client.get("/api/plans/").json()["count"] == 1
    assert client.get(f"/api/plans/{plan.pk}/").status_code == 200
    assert client.patch(f"/api/plans/{plan.pk}/", {"company_name": "x"}, format="json").status_code == 403
    assert client.delete(f"/api/plans/{plan.pk}/").status_code == 403
    assert client.post("/api/plans/", PROFILE, format="json").status_code == 403


def test_patch_renames_or_replans(api, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    roles_before = set(plan.roles.values_list("pk", flat=True))

    renamed = api.patch(f"/api/plans/{plan.pk}/", {"company_name": "新名字"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["company_name"] == "新名字"
    assert set(plan.roles.values_list("pk", flat=True)) == roles_before

    replanned = api.patch(f"/api/plans/{plan.pk}/", {"phase": "mature"}, format="json").json()
    lead = next(role for role in replanned["roles"] if role["code"] == "lead")
    assert replanned["phase"] == "mature" and "revenue_per_head" in {k["code"] for k in lead["kpis"]}

    bad = api.patch(f"/api/plans/{plan.pk}/", {"member_share": 150}, format="json")
    assert bad.status_code == 400 and "member_share" in bad.json()["fields"]


def test_delete_removes_the_plan(api, manager, make_plan):
    plan = make_plan(manager)
    assert api.delete(f"/api/plans/{plan.pk}/").status_code == 204
    assert not TeamPlan.objects.filter(pk=plan.pk).exists()


def test_plan_list_filters_by_phase_and_refuses_unknown_values(api, manager, make_plan):
    make_plan(manager, phase="launch")
    make_plan(manager, phase="mature")
    assert api.get("/api/plans/?phase=mature").json()["count"] == 1
    response = api.get("/api/plans/?phase=someday")
    assert response.status_code == 400 and "phase" in response.json()["fields"]

def test_api_list_query_count_is_fixed(api, manager, make_plan, django_assert_max_num_queries):
    for phase in ["launch", "growth", "mature"] * 3:
        make_plan(manager, phase=phase, employees=800)
    with django_assert_max_num_queries(8):
        assert api.get("/api/plans/").status_code == 200


def test_a_repeat_of_the_api_list_reads_only_the_page_of_plans_and_shows_every_edit(manager, make_plan,
                                                                                    django_assert_num_queries):
    plans = [make_plan(manager, phase=phase, employees=800) for phase in ["launch", "growth", "mature"]]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager).key}")
    first = client.get("/api/plans/").json()
    with django_assert_num_queries(4):  # token with its user, its rights (one read), the count, the page
        assert client.get("/api/plans/").json() == first

    edited = plans[1].roles.get(code="user_ops")
    before, total_before = edited.headcount, plans[1].total_headcount
    plan_role_update(plan_role=edited, headcount=before + 2, reports_to=edited.reports_to, kpi_values={})
    shown = {plan["id"]: plan for plan in client.get("/api/plans/").json()["results"]}
    assert {role["code"]: role["headcount"] for role in shown[plans[1].pk]["roles"]}["user_ops"] == before + 2
    assert shown[plans[1].pk]["total_headcount"] == total_before + 2
    assert shown[plans[0].pk] == {plan["id"]: plan for plan in first["results"]}[plans[0].pk]


def test_plan_detail_is_serialized_once_per_revision_and_shows_every_edit(manager, make_plan,
                                                                         django_assert_num_queries):
    plan = make_plan(manager, phase="growth", employees=800)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager).key}")
    url = f"/api/plans/{plan.pk}/"
    first = client.get(url).json()
    with django_assert_num_queries(2):  # token with its user, plan with its owner
        assert client.get(url).json() == first

    user_ops = plan.roles.get(code="user_ops")
    plan_role_update(plan_role=user_ops, headcount=user_ops.headcount + 2, reports_to=user_ops.reports_to,
                     kpi_values={})
    manager.username = "renamed"
    manager.save()
    edited = client.get(url).json()
    assert headcounts(edited)["user_ops"] == headcounts(first)["user_ops"] + 2
    assert edited["total_headcount"] == first["total_headcount"] + 2 and edited["owner"] == "renamed"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert {r["code"]: r["name"] for r in english["roles"]}["user_ops"] == user_ops.name_en
    assert {r["code"]: r["name"] for r in client.get(url).json()["roles"]}["user_ops"] == user_ops.name_zh


def headcounts(plan):
    return {role["code"]: role["headcount"] for role in plan["roles"]}


@pytest.mark.parametrize("path", ["/api/plans/2.5e-10/", "/api/nowhere/", "/api/plans/1/extra/"])
def test_unknown_api_addresses_are_json_404s(api, path):
    response = api.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_unknown_api_address_is_a_json_404_for_any_method_even_without_csrf(manager):
    from rest_framework.test import APIClient as Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.delete("/api/plans/-1.5e-38/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
