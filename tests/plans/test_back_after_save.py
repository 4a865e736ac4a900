"""Browser Back re-opens the page a POST came from; once its object is gone that page leads on with a message
(to the plan, the plan list or the wizard start) for the user who removed it, and stays a 404 for anyone else."""
from django.contrib.messages import get_messages
from django.urls import reverse

from plans.models import TeamPlan
from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD, walk


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_back_to_the_review_of_a_saved_draft_leads_to_the_plan(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    review = reverse("wizard:step", args=[draft.pk, 5])
    manager_client.post(review, {"save": "1"})
    plan = TeamPlan.objects.get()

    for page in (review, reverse("wizard:step", args=[draft.pk, 2])):
        response = manager_client.get(page)
        assert response.status_code == 302 and response["Location"] == plan.get_absolute_url(), page
    assert said(response)[-1] == "该草稿已保存为下面的方案。"


def test_back_to_a_discarded_draft_leads_to_the_wizard_start(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION)
    manager_client.post(reverse("wizard:discard", args=[draft.pk]))

    response = manager_client.get(reverse("wizard:step", args=[draft.pk, 3]))

    assert response.status_code == 302 and response["Location"] == reverse("wizard:start")
    assert said(response)[-1] == "该草稿已丢弃，可在此新建方案。"


def test_someone_elses_gone_draft_is_still_not_found(manager_client, client, other_manager):
    draft = walk(manager_client, COMPANY, SITUATION)
    manager_client.post(reverse("wizard:discard", args=[draft.pk]))
    client.force_login(other_manager)
    assert client.get(reverse("wizard:step", args=[draft.pk, 2])).status_code == 404


def test_back_to_a_deleted_plan_leads_to_the_plan_list(manager_client, client, manager, other_manager, make_plan):
    plan = make_plan(manager)
    pages = [reverse("plans:delete", args=[plan.pk]), plan.get_absolute_url(),
             reverse("plans:org-chart", args=[plan.pk])]
    manager_client.post(pages[0])

    for page in pages:
        response = manager_client.get(page)
        assert response.status_code == 302 and response["Location"] == reverse("plans:list"), page
    assert said(response)[-1] == "该方案已删除，以下是你的方案列表。"
    client.force_login(other_manager)
    assert client.get(pages[1]).status_code == 404  # to anyone else it is simply not there


def test_back_to_a_removed_roles_pages_leads_to_the_plan(manager_client, plan, role):
    remove = reverse("plans:role-remove", args=[plan.pk, role.pk])
    manager_client.post(remove)

    for page in (remove, reverse("plans:role-edit", args=[plan.pk, role.pk])):
        response = manager_client.get(page)
        assert response.status_code == 302 and response["Location"] == plan.get_absolute_url(), page
    assert said(response)[-1] == "该岗位已不在方案中。"
