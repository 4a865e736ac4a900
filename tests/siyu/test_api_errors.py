"""Every API failure has one body, {"detail", "code", "fields"}, in the reader's language, whatever refused it."""
import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from plans.models import TeamPlan
from tests.conftest import API_PROFILE as PROFILE

SHAPE = {"detail", "code", "fields"}


def error(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == SHAPE and body["code"] == code and body["detail"], body
    return body


def test_invalid_input_names_each_field_in_fields(api):
    body = error(api.post("/api/recommendations/", {**PROFILE, "employees": 0, "phase": "someday"}, format="json"),
                 400, "invalid")
    assert set(body["fields"]) == {"employees", "phase"}
    assert all(isinstance(messages, list) and messages for messages in body["fields"].values())


def test_an_unknown_body_field_is_a_400_naming_it(api):
    body = error(api.post("/api/plans/", {**PROFILE, "employes": 50}, format="json"), 400, "invalid")
    assert set(body["fields"]) == {"employes"}
    assert not TeamPlan.objects.exists()


def test_a_read_only_field_in_a_patch_is_a_400_naming_it(api, plan):
    body = error(api.patch(f"/api/plans/{plan.pk}/", {"total_headcount": 1}, format="json"), 400, "invalid")
    assert "total_headcount" in body["fields"]


@pytest.mark.parametrize("url", ["/api/plans/?phse=launch", "/api/roles/?teir=front", "/api/kpis/?famly=user"])
def test_an_unknown_list_filter_is_a_400_naming_it_and_the_ones_it_takes(api, url):
    wrong = url.split("?")[1].split("=")[0]
    body = error(api.get(url), 400, "invalid")
    assert list(body["fields"]) == [wrong] and "page" in body["fields"][wrong][0]


def test_a_blank_company_name_is_refused_and_a_padded_one_is_trimmed(api):
    body = error(api.post("/api/plans/", {**PROFILE, "company_name": " \u3000\t"}, format="json"), 400, "invalid")
    assert "company_name" in body["fields"]
    assert api.post("/api/plans/", {**PROFILE, "company_name": "  品牌  "}, format="json").json()["company_name"] \
        == "品牌"


def test_malformed_json_is_a_parse_error(api):
    error(api.post("/api/recommendations/", "{not json", content_type="application/json"), 400, "parse_error")


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Token nope"}])
def test_401(db, headers):
    body = error(APIClient().get("/api/plans/", **headers), 401,
                 "authentication_failed" if headers else "not_authenticated")
    assert body["detail"] in ("身份认证信息未提供。", "认证令牌无效。")


def test_403(hr_user, plan):
    client = APIClient()
    client.force_authenticate(hr_user)
    error(client.delete(f"/api/plans/{plan.pk}/"), 403, "permission_denied")


def test_404s_of_plans_roles_and_unknown_addresses_read_the_same_in_chinese(api):
    bodies = [error(api.get(url), 404, "not_found") for url in
              ["/api/plans/999999/", "/api/roles/nope/", "/api/kpis/nope/", "/api/nowhere/", "/api/plans/1/x/"]]
    assert {body["detail"] for body in bodies} == {"未找到。"}


def test_404s_read_in_english_when_asked(api):
    details = {api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"] for url in ["/api/plans/999999/",
                                                                                    "/api/roles/nope/", "/api/x/"]}
    assert details == {"Not found."}


def test_405(api):
    error(api.post("/api/roles/", {}, format="json"), 405, "method_not_allowed")


def test_406(api):
    body = error(api.get("/api/roles/", HTTP_ACCEPT="text/html"), 406, "not_acceptable")
    assert "<" not in body["detail"]


def test_409_and_412_keep_the_shape(api, plan):
    error(api.patch(f"/api/plans/{plan.pk}/", {"company_name": "x"}, format="json", HTTP_IF_MATCH='"stale"'),
          412, "precondition_failed")


@pytest.mark.parametrize(("url", "authenticated"), [
    ("/api/token/", False), ("/api/recommendations/", True), ("/api/plans/", True)])
def test_a_3_mb_body_is_a_json_413(api, url, authenticated):
    big = json.dumps({**PROFILE, "company_name": "x" * 3_000_000})
    client = api if authenticated else APIClient()
    body = error(client.post(url, big, content_type="application/json"), 413, "too_large")
    assert "2.5 MB" in body["detail"]


def test_415(api):
    error(api.post("/api/recommendations/", "a=b", content_type="application/x-www-form-urlencoded"),
          415, "unsupported_media_type")


def test_a_csrf_failure_is_json_in_chinese(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    body = error(client.post("/api/plans/", PROFILE, content_type="application/json"), 403, "csrf_failed")
    assert "CSRF" in body["detail"] and "X-CSRFToken" in body["detail"] and not body["detail"].isascii()


def test_an_unhandled_failure_is_a_json_500(api, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("teams.api.views.recommend_team", broken)
    api.raise_request_exception = False
    body = error(api.post("/api/recommendations/", PROFILE, format="json"), 500, "server_error")
    assert "boom" not in body["detail"]


def test_pages_outside_the_api_keep_their_html_errors(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "anon": "3/min", "user": "5/min", "recommendations": "2/min", "token": "10/min"}}


def test_429_with_retry_after(api, low_rates):
    for _ in range(2):
        assert api.post("/api/recommendations/", PROFILE, format="json").status_code == 200
    body = error(api.post("/api/recommendations/", PROFILE, format="json"), 429, "throttled")
    limited = api.post("/api/recommendations/", PROFILE, format="json")
    assert 0 < int(limited["Retry-After"]) <= 60 and body["detail"]
    assert api.get("/api/roles/").status_code == 200, "the stricter count is the recommendations' own"
    for _ in range(2):
        api.get("/api/roles/")
    error(api.get("/api/roles/"), 429, "throttled")


def test_anonymous_calls_are_counted_by_address_whatever_x_forwarded_for_says(db, low_rates):
    anonymous = APIClient()
    statuses = [anonymous.post("/api/token/", {"username": "x", "password": "y"}, format="json",
                               HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert APIClient().post("/api/token/", {"username": "x", "password": "y"}, format="json",
                            REMOTE_ADDR="10.9.9.9").status_code == 400, "another address has its own count"


def test_a_browser_gets_json_not_the_browsable_api(manager_client):
    """The browsable API needs inline script and style, which the strict CSP refuses: it is off."""
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = manager_client.get("/api/roles/", HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "script-src 'self'" in response["Content-Security-Policy"]
