"""Lost updates: plan responses carry an ETag (the plan's revision); PATCH and DELETE honour If-Match."""
from plans.models import TeamPlan


def test_a_plan_response_carries_its_revision_as_etag(api, make_plan, manager):
    plan = make_plan(manager)
    response = api.get(f"/api/plans/{plan.pk}/")
    assert response.status_code == 200 and response["ETag"] == f'"{plan.revision}"'


def test_a_patch_with_a_stale_etag_is_refused_with_412(api, make_plan, manager):
    plan = make_plan(manager)
    etag = api.get(f"/api/plans/{plan.pk}/")["ETag"]
    first = api.patch(f"/api/plans/{plan.pk}/", {"company_name": "第一"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] != etag

    stale = api.patch(f"/api/plans/{plan.pk}/", {"company_name": "第二"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert TeamPlan.objects.get(pk=plan.pk).company_name == "第一"


def test_a_delete_with_a_stale_etag_is_refused_and_a_fresh_one_deletes(api, make_plan, manager):
    plan = make_plan(manager)
    assert api.delete(f"/api/plans/{plan.pk}/", HTTP_IF_MATCH='"stale"').status_code == 412
    etag = api.get(f"/api/plans/{plan.pk}/")["ETag"]
    assert api.delete(f"/api/plans/{plan.pk}/", HTTP_IF_MATCH=etag).status_code == 204


def test_creating_a_plan_answers_201_with_its_location(api):
    from tests.conftest import API_PROFILE

    response = api.post("/api/plans/", API_PROFILE, format="json")
    assert response.status_code == 201
    assert response["Location"].endswith(f"/api/plans/{response.json()['id']}/")
    assert response["ETag"] == f'"{TeamPlan.objects.get(pk=response.json()["id"]).revision}"'
