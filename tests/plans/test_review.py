"""Review and approval: the state machine refuses illegal steps, approvers other than the owner decide, edits lock."""
import io
import subprocess

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from plans.groups import APPROVERS, MANAGERS
from plans.models import PlanReview, TeamPlan
from teams.models import Role
from tests.conftest import edit_data, make_user


@pytest.fixture
def approver(db):
    return make_user("approver1", APPROVERS, email="approver@example.com")


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def owned(manager, make_plan):
    manager.email = "owner@example.com"
    manager.save()
    return make_plan(manager)


def status_of(plan):
    return TeamPlan.objects.get(pk=plan.pk).status


def test_submit_then_approve_mails_the_owner(api, approver, owned, django_capture_on_commit_callbacks):
    assert api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json").json()["status"] == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(approver).post(f"/api/plans/{owned.pk}/approve/", {"comment": "同意"}, format="json")

    assert response.status_code == 200 and response.json() == {"status": "approved", "version": 1}
    assert status_of(owned) == "approved"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["owner@example.com"], f"您的团队方案“{owned.company_name}”已通过审批")]
    assert "同意" in mail.outbox[0].body
    assert list(PlanReview.objects.filter(plan=owned).values_list("event", "author__username")) == [
        ("approved", "approver1"), ("submitted", "manager1")]


def test_every_step_shows_at_once_where_the_plan_is_cached(api, approver, owned):
    url = f"/api/plans/{owned.pk}/"
    first = api.get(url)
    assert first.json()["status"] == "draft"
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")

    second = api.get(url)
    assert second.json()["status"] == "submitted" and second["ETag"] != first["ETag"]
    client_for(approver).post(f"/api/plans/{owned.pk}/return/", {"comment": "再想想"}, format="json")
    assert api.get(url).json()["status"] == "returned"


@pytest.mark.parametrize(("before", "step", "status_label"), [
    ([], "approve", "草稿"), ([], "return", "草稿"), (["submit"], "submit", "已提交审批"),
    (["submit", "approve"], "approve", "已通过"), (["submit", "approve"], "submit", "已通过"),
    (["submit", "approve"], "return", "已通过")])
def test_every_illegal_step_is_a_409_naming_the_status(api, approver, owned, before, step, status_label):
    clients = {"submit": api, "approve": client_for(approver), "return": client_for(approver)}
    for earlier in before:
        assert clients[earlier].post(f"/api/plans/{owned.pk}/{earlier}/", {"comment": "x"},
                                     format="json").status_code == 200
    was = status_of(owned)

    response = clients[step].post(f"/api/plans/{owned.pk}/{step}/", {"comment": "再看看"}, format="json")

    assert response.status_code == 409 and status_label in response.json()["detail"]
    assert status_of(owned) == was


def test_an_owner_cannot_approve_their_own_plan_even_as_an_approver(manager, owned):
    manager.groups.add(Group.objects.get(name=APPROVERS))
    api = client_for(User.objects.get(pk=manager.pk))  # a fresh user: permissions are cached per instance
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")

    response = api.post(f"/api/plans/{owned.pk}/approve/", {}, format="json")
    assert response.status_code == 403 and "自己" in response.json()["detail"]
    assert status_of(owned) == "submitted"


def test_only_approvers_decide(api, other_manager, hr_user, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    assert client_for(hr_user).post(f"/api/plans/{owned.pk}/approve/", {}, format="json").status_code == 403
    assert client_for(other_manager).post(f"/api/plans/{owned.pk}/approve/", {}, format="json").status_code == 404
    assert status_of(owned) == "submitted"


def test_a_return_needs_a_comment_and_mails_it(api, approver, owned, django_capture_on_commit_callbacks):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    decider = client_for(approver)
    response = decider.post(f"/api/plans/{owned.pk}/return/", {"comment": "  "}, format="json")
    assert response.status_code == 400 and "comment" in response.json()["fields"]

    with django_capture_on_commit_callbacks(execute=True):
        decider.post(f"/api/plans/{owned.pk}/return/", {"comment": "内容运营再减一人"}, format="json")
    assert status_of(owned) == "returned"
    assert "内容运营再减一人" in mail.outbox[-1].body and "退回" in mail.outbox[-1].subject


def test_a_submitted_plan_cannot_be_edited_anywhere(manager_client, api, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    role = owned.roles.get(code="content")

    response = api.patch(f"/api/plans/{owned.pk}/", {"company_name": "新名字"}, format="json")
    assert response.status_code == 409 and "已提交审批" in response.json()["detail"]
    page = manager_client.post(reverse("plans:role-edit", args=[owned.pk, role.pk]), edit_data(role, headcount=5))
    assert "已提交审批" in str(page.context["form"].non_field_errors())
    manager_client.post(reverse("plans:role-add", args=[owned.pk]), {"role": Role.objects.get(code="ads").pk})
    manager_client.post(reverse("plans:version-restore", args=[owned.pk, 1]))
    owned.refresh_from_db()
    assert owned.company_name != "新名字" and not owned.roles.filter(code="ads").exists()
    assert owned.roles.get(code="content").headcount == role.headcount
    assert owned.versions.count() == 1


def test_a_submitted_plan_cannot_be_deleted_from_its_page(manager_client, api, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")

    response = manager_client.post(reverse("plans:delete", args=[owned.pk]), follow=True)

    assert TeamPlan.objects.filter(pk=owned.pk).exists()
    assert any("已提交审批" in str(message) for message in response.context["messages"])


def test_a_submitted_or_approved_plan_cannot_be_deleted_through_the_api(api, approver, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    submitted = api.delete(f"/api/plans/{owned.pk}/")
    client_for(approver).post(f"/api/plans/{owned.pk}/approve/", {"comment": "同意"}, format="json")
    approved = api.delete(f"/api/plans/{owned.pk}/")

    assert submitted.status_code == 409 and "已提交审批" in submitted.json()["detail"]
    assert approved.status_code == 409 and "已通过" in approved.json()["detail"]
    assert TeamPlan.objects.filter(pk=owned.pk).exists()


def test_a_draft_plan_is_deleted_through_the_api(api, owned):
    assert api.delete(f"/api/plans/{owned.pk}/").status_code == 204
    assert not TeamPlan.objects.filter(pk=owned.pk).exists()


def test_a_locked_plan_page_explains_and_offers_a_new_draft(manager_client, api, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    html = manager_client.get(owned.get_absolute_url()).content.decode()
    role = owned.roles.get(code="content")

    assert "已提交审批" in html and reverse("plans:role-edit", args=[owned.pk, role.pk]) not in html
    assert reverse("plans:duplicate", args=[owned.pk]) in html
    manager_client.post(reverse("plans:duplicate", args=[owned.pk]))
    copy = TeamPlan.objects.exclude(pk=owned.pk).get()
    assert copy.status == "draft"


def test_a_returned_plan_becomes_a_draft_on_edit_and_can_be_submitted_again(manager_client, api, approver, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    client_for(approver).post(f"/api/plans/{owned.pk}/return/", {"comment": "改一下"}, format="json")
    role = owned.roles.get(code="content")

    manager_client.post(reverse("plans:role-edit", args=[owned.pk, role.pk]), edit_data(role, headcount=2))

    assert status_of(owned) == "draft"
    assert api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json").json() == {"status": "submitted",
                                                                                   "version": 2}


def test_comments_are_seen_by_owner_hr_and_approvers(client, manager, hr_user, approver, other_manager, owned):
    client.force_login(approver)
    client.post(reverse("plans:review", args=[owned.pk, "comment"]), {"comment": "预算偏高"})
    for user in (manager, hr_user, approver):
        client.force_login(user)
        assert "预算偏高" in client.get(owned.get_absolute_url()).content.decode()
    client.force_login(other_manager)
    assert client.get(owned.get_absolute_url()).status_code == 404
    assert client.post(reverse("plans:review", args=[owned.pk, "comment"]), {"comment": "x"}).status_code == 404


def test_the_approvers_group_reads_all_plans_and_edits_none(client, approver, owned):
    client.force_login(approver)
    assert client.get(owned.get_absolute_url()).status_code == 200
    role = owned.roles.get(code="content")
    assert client.post(reverse("plans:role-edit", args=[owned.pk, role.pk]), edit_data(role)).status_code == 403
    assert MANAGERS not in approver.groups.values_list("name", flat=True)


def test_the_review_buttons_follow_the_status_and_the_user(client, manager, approver, owned):
    client.force_login(manager)
    html = client.get(owned.get_absolute_url()).content.decode()
    assert reverse("plans:review", args=[owned.pk, "submit"]) in html
    assert reverse("plans:review", args=[owned.pk, "approve"]) not in html
    client.post(reverse("plans:review", args=[owned.pk, "submit"]))

    client.force_login(approver)
    html = client.get(owned.get_absolute_url()).content.decode()
    assert reverse("plans:review", args=[owned.pk, "approve"]) in html
    assert reverse("plans:review", args=[owned.pk, "submit"]) not in html
    client.post(reverse("plans:review", args=[owned.pk, "approve"]))
    assert status_of(owned) == "approved"


def test_exports_of_an_approved_plan_say_so_on_every_sheet_and_page(manager_client, api, approver, owned):
    api.post(f"/api/plans/{owned.pk}/submit/", {}, format="json")
    client_for(approver).post(f"/api/plans/{owned.pk}/approve/", {}, format="json")
    stamp = "已审批通过 · 版本 1 · 审批人 approver1"

    for name in ("plans:kpi-sheets-xlsx", "plans:role-specs-xlsx", "plans:team-cost-xlsx"):
        book = load_workbook(io.BytesIO(manager_client.get(reverse(name, args=[owned.pk])).content))
        assert all(stamp in ws.oddHeader.center.text for ws in book.worksheets), name
    pdf = manager_client.get(reverse("plans:kpi-sheets-pdf", args=[owned.pk])).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pages = text.split("\f")[:-1]
    assert len(pages) > 1 and all(stamp in page for page in pages)


def test_exports_of_a_draft_carry_no_stamp(manager_client, owned):
    book = load_workbook(io.BytesIO(manager_client.get(reverse("plans:team-cost-xlsx", args=[owned.pk])).content))
    assert not any(ws.oddHeader.center.text for ws in book.worksheets)


def test_a_review_body_takes_a_text_comment_and_nothing_else(api, owned):
    url = f"/api/plans/{owned.pk}/submit/"
    for body, field in (({"comment": 0}, "comment"), ({"comment": "好\x00"}, "comment"), ({"note": "x"}, "note")):
        response = api.post(url, body, format="json")
        assert response.status_code == 400 and field in response.json()["fields"], body
    assert status_of(owned) == "draft"
