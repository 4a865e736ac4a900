"""URL tampering: unknown and malformed ids, out-of-range wizard steps, other managers' drafts, plans and roles
are a 404 or a redirect, nothing written."""
import pytest
from django.test import Client
from django.urls import reverse

from teams.models import Role
from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD, edit_data, walk
from tests.hostile import plans_state

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
    theirs = walk(other, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    before = plans_state()

    for number in [1, 2, 5]:
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
