"""The REST API of the library: the recommendation contract and the read-only roles and KPIs."""
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plans.models import TeamPlan
from tests.conftest import API_PROFILE as PROFILE
from tests.conftest import ROLE_KEYS


def test_recommendation_returns_the_contract_and_saves_nothing(api):
    response = api.post("/api/recommendations/", PROFILE, format="json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"placement", "size_tier", "roles", "total_headcount", "monthly_cost", "annual_cost", "cost",
                         "notes"}
    assert set(body["placement"]) == {"code", "label", "reasons"} and body["placement"]["code"] == "community_ops"
    assert body["size_tier"] == "medium"
    roles = {role["code"]: role for role in body["roles"]}
    assert all(set(role) == ROLE_KEYS for role in body["roles"])
    assert roles["lead"]["reports_to"] is None and roles["middle_head"]["reports_to"] == "lead"
    assert roles["content"]["reports_to"] == "middle_head"  # more than 8 would report to the lead
    assert {"live", "midplatform"} <= set(roles)
    assert all(role["reasons"] and {"text", "source"} == set(role["reasons"][0]) for role in body["roles"])
    assert all(sum(k["weight"] for k in role["kpis"]) == 100 for role in body["roles"] if role["headcount"])
    assert body["total_headcount"] == sum(role["headcount"] for role in body["roles"])
    assert not TeamPlan.objects.exists()


def test_merged_roles_are_listed_with_zero_headcount(api):
    body = api.post("/api/recommendations/", {**PROFILE, "phase": "launch", "industry": "retail"},
                    format="json").json()
    data = next(role for role in body["roles"] if role["code"] == "data")
    assert data["headcount"] == 0 and data["merged_into"] == "lead"


def test_recommendation_in_english(api):
    body = api.post("/api/recommendations/", PROFILE, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    lead = next(role for role in body["roles"] if role["code"] == "lead")
    assert lead["name"].isascii() and body["placement"]["label"].isascii()


@pytest.mark.parametrize(("field", "value"), [
    ("employees", 0), ("employees", "many"), ("industry", "mining"), ("phase", "someday"), ("member_share", 101),
    ("business_lines", 0), ("headcount_budget", 0), ("headcount_budget", -3), ("strategic", "perhaps"),
    ("company_name", "x" * 101),
])
def test_invalid_profile_is_a_400_naming_the_field(api, field, value):
    response = api.post("/api/recommendations/", {**PROFILE, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_missing_fields_are_named(api):
    response = api.post("/api/recommendations/", {}, format="json")
    assert response.status_code == 400
    assert {"company_name", "employees", "industry", "phase"} <= set(response.json()["fields"])


def test_malformed_json_is_a_400(api):
    response = api.post("/api/recommendations/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_library_is_readable_by_code(api):
    roles = api.get("/api/roles/").json()
    assert roles["count"] >= 13
    lead = api.get("/api/roles/lead/").json()
    assert lead["code"] == "lead" and len(lead["duties"]) >= 4 and sum(k["weight"] for k in lead["kpis"]) == 100
    assert api.get("/api/roles/nope/").status_code == 404
    assert api.get("/api/roles/?tier=front").json()["count"] >= 1
    assert api.get("/api/kpis/?family=management").json()["count"] >= 1
    assert api.get("/api/kpis/?family=nonsense").status_code == 400
    assert api.post("/api/roles/", {"code": "x"}, format="json").status_code == 405


def test_token_authentication(manager):
    token = Token.objects.create(user=manager)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.post("/api/recommendations/", PROFILE, format="json").status_code == 200

