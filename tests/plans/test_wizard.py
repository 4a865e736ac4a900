"""The stage wizard through the test client: steps, errors next to fields, Back keeps answers, review, save."""
import pytest
from django.test import Client
from django.urls import reverse

from plans.models import TeamPlan, WizardDraft
from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD, walk


def test_wizard_needs_login(client):
    response = client.get(reverse("wizard:start"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_hr_cannot_start_a_plan(client, hr_user):
    client.force_login(hr_user)
    assert client.get(reverse("wizard:start")).status_code == 403


def test_first_step_shows_the_step_indicator(manager_client):
    page = manager_client.get(reverse("wizard:start")).content.decode()
    assert 'aria-current="step"' in page
    assert 'name="company_name"' in page and 'name="employees"' in page


@pytest.mark.parametrize(("field", "value"), [
    ("employees", "0"), ("employees", "many"), ("employees", "-5"), ("industry", "mining"), ("company_name", ""),
])
def test_invalid_company_answer_is_shown_next_to_its_field(manager_client, field, value):
    response = manager_client.post(reverse("wizard:start"), {**COMPANY, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not WizardDraft.objects.exists()


@pytest.mark.parametrize(("field", "value"), [
    ("phase", "someday"), ("member_share", "101"), ("member_share", "-1"), ("business_lines", "0"),
])
def test_invalid_situation_answer_keeps_the_manager_on_the_step(manager_client, field, value):
    draft = walk(manager_client, COMPANY)
    url = reverse("wizard:step", args=[draft.pk, 2])

    response = manager_client.post(url, {**SITUATION, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    draft.refresh_from_db()
    assert "phase" not in draft.answers


def test_budget_of_zero_is_refused(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD)
    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 4]), {"headcount_budget": "0"})
    assert "headcount_budget" in response.context["form"].errors


def test_back_keeps_every_answer(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD)

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 4]), {"headcount_budget": "7", "back": "1"})
    assert response["Location"] == reverse("wizard:step", args=[draft.pk, 3])
    step2 = manager_client.get(reverse("wizard:step", args=[draft.pk, 2]))
    assert step2.context["form"]["member_share"].value() == 40
    assert step2.context["form"]["live_streaming"].value() is True
    draft.refresh_from_db()
    assert draft.answers["headcount_budget"] == 7

    step1 = manager_client.get(reverse("wizard:step", args=[draft.pk, 1]))
    assert step1.context["form"]["company_name"].value() == "桃园茶饮"


def test_skipping_ahead_returns_to_the_first_unanswered_step(manager_client):
    draft = walk(manager_client, COMPANY)
    response = manager_client.get(reverse("wizard:step", args=[draft.pk, 5]))
    assert response["Location"] == reverse("wizard:step", args=[draft.pk, 2])


def test_review_shows_the_team_and_reasons_before_saving(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)

    response = manager_client.get(reverse("wizard:step", args=[draft.pk, 5]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-role="lead"' in page and 'data-role="live"' in page and 'data-role="community_cx"' in page
    assert response.context["shown"]["result"].total_headcount > 0
    assert not TeamPlan.objects.exists()


def test_saving_creates_a_plan_owned_by_the_manager_and_opens_it(manager_client, manager):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)

    response = manager_client.post(reverse("wizard:step", args=[draft.pk, 5]), {"save": "1"})

    plan = TeamPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.owner == manager and plan.company_name == "桃园茶饮" and plan.industry == "food_beverage"
    assert plan.roles.filter(code="live").exists()
    assert not WizardDraft.objects.exists()
    assert manager_client.get(response["Location"]).status_code == 200


def test_another_manager_cannot_open_my_draft(manager_client, client, other_manager):
    draft = walk(manager_client, COMPANY)
    client.force_login(other_manager)
    assert client.get(reverse("wizard:step", args=[draft.pk, 2])).status_code == 404


def test_replan_changes_the_team_of_the_same_plan(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    response = manager_client.post(reverse("plans:replan", args=[plan.pk]))
    draft = WizardDraft.objects.get(plan=plan)
    assert response["Location"] == reverse("wizard:step", args=[draft.pk, 1])

    manager_client.post(reverse("wizard:step", args=[draft.pk, 2]),
                        {**SITUATION, "phase": "mature", "live_streaming": ""})
    manager_client.post(reverse("wizard:step", args=[draft.pk, 5]), {"save": "1"})

    plan.refresh_from_db()
    assert plan.phase == "mature"
    assert TeamPlan.objects.count() == 1
    assert plan.roles.get(code="lead").kpis.filter(code="revenue_per_head").exists()


def test_pressing_save_twice_makes_one_plan(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    url = reverse("wizard:step", args=[draft.pk, 5])

    first = manager_client.post(url, {"save": "1"})
    second = manager_client.post(url, {"save": "1"})

    assert TeamPlan.objects.count() == 1
    assert first.status_code == 302 and first["Location"] == TeamPlan.objects.get().get_absolute_url()
    assert second.status_code == 302 and second["Location"] == first["Location"]  # to the plan it became


@pytest.mark.parametrize("value", ["abc", "-5", "0", "10000001"])
def test_a_wrong_employee_count_gets_one_message_with_the_whole_range(manager_client, value):
    response = manager_client.post(reverse("wizard:start"), {**COMPANY, "employees": value})

    assert response.context["form"].errors["employees"] == ["请输入 1 到 10,000,000 之间的整数。"]


def test_no_dashes_placeholder_is_offered_or_preselected(manager_client):
    first = manager_client.get(reverse("wizard:start")).content.decode()
    draft = walk(manager_client, COMPANY)
    second = manager_client.get(reverse("wizard:step", args=[draft.pk, 2])).content.decode()

    assert "---------" not in first and "---------" not in second
    assert 'value="" selected' not in second and "checked" not in second.split('name="phase"')[1][:80]


def test_the_review_repeats_the_answers_offers_save_at_the_top_and_goes_back_to_the_constraints(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)

    html = manager_client.get(reverse("wizard:step", args=[draft.pk, 5])).content.decode()

    answers = html.split('id="review-answers"')[1].split("</section>")[0]
    assert "桃园茶饮" in answers and "餐饮" in answers and "成长期" in answers and "一线城市" in answers
    assert html.index('form="review-save"') < html.index('id="review-answers"')  # Save before the long page
    assert f'href="{reverse("wizard:step", args=[draft.pk, 4])}">← ' in html


def test_an_abandoned_draft_can_be_discarded_from_the_plan_list(manager_client, other_manager):
    draft = walk(manager_client, COMPANY)
    listed = manager_client.get(reverse("plans:list")).content.decode()
    assert reverse("wizard:discard", args=[draft.pk]) in listed

    other = Client()
    other.force_login(other_manager)
    assert other.post(reverse("wizard:discard", args=[draft.pk])).status_code == 404  # not theirs
    response = manager_client.post(reverse("wizard:discard", args=[draft.pk]))

    assert response.status_code == 302 and not WizardDraft.objects.filter(pk=draft.pk).exists()
