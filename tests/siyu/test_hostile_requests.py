"""Forged requests: posts without a CSRF token or with a forged one are 403 and write nothing; bad API list
parameters (unknown ones included) are a JSON 4xx, and never raw HTML."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from import_export.formats.base_formats import CSV
from rest_framework.test import APIClient

from plans.models import WizardDraft
from teams.models import Role
from tests.conftest import API_PROFILE as PROFILE
from tests.conftest import COMPANY, SITUATION, edit_data
from tests.hostile import IMPORT_URL, edit_url, format_index, library_state, plans_state

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
    assert csrf_client.post(reverse("wizard:step", args=[draft.pk, 5]), {"save": "1"}).status_code == 403
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


# --- API list parameters ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["phase=someday", "industry=%3Cscript%3Ealert(1)%3C/script%3E", "page=abc",
                                   "page=999999", "page=-1", "page_size=100000", "tier=%22%3E%3Cimg%20src=x%3E"])
@pytest.mark.parametrize("url", ["/api/plans/", "/api/roles/", "/api/kpis/"])
def test_bad_api_list_parameters_are_a_json_4xx_and_never_raw_html(manager, plan, url, query):
    api = APIClient()
    api.force_authenticate(manager)

    as_json = api.get(f"{url}?{query}")
    as_html = api.get(f"{url}?{query}", HTTP_ACCEPT="text/html")  # no browsable API: JSON or nothing

    name = query.split("=")[0]
    assert as_json.status_code == (404 if name == "page" else 400) and as_json["Content-Type"] == "application/json"
    if name != "page":
        assert name in as_json.json()["fields"], "the parameter at fault is named, even an unknown one"
    assert as_html.status_code == 406 and as_html["Content-Type"] == "application/json"
    assert "<script>alert(1)" not in as_html.content.decode() and "<img src=x" not in as_html.content.decode()
