"""A plan keeps telling the truth after its owner edits it: notes, budgets and headcount reasons."""
from django.urls import reverse
from django.utils import translation

from plans.models import PlanRole, TeamPlan
from plans.notes import MSG_SET_BY_HAND
from plans.services import ERR_HEADCOUNT_ZERO
from tests.conftest import edit_data


def notes_en(plan):
    return [note["en"] for note in TeamPlan.objects.get(pk=plan.pk).notes]


def test_going_over_the_headcount_budget_by_hand_is_said_and_old_budget_notes_go(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=600, industry="ecommerce", headcount_budget=5)
    assert any("within 5 people" in note for note in notes_en(plan))  # the engine explained its cuts
    role = plan.roles.get(code="content")

    manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, headcount=30))

    plan = TeamPlan.objects.get(pk=plan.pk)
    total = plan.total_headcount
    assert f"{total} people: {total - 5} over the headcount budget of 5." in notes_en(plan)
    assert not any("to stay within" in note for note in notes_en(plan))
    html = manager_client.get(plan.get_absolute_url()).content.decode()
    assert f"共 {total} 人，比编制预算（5 人）多 {total - 5} 人。" in html


def test_a_removed_role_is_no_longer_named_in_the_notes(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", employees=80, industry="retail")
    data = plan.roles.get(code="data")
    assert data.merged_into is not None  # data analysis is carried by the lead at launch

    manager_client.post(reverse("plans:role-remove", args=[plan.pk, data.pk]))

    assert not any("Data Analyst" in note for note in notes_en(plan))
    lead = plan.roles.get(code="lead")
    carried = [note for note in notes_en(plan) if note.startswith(lead.name_en)]
    assert all("Data Analyst" not in note for note in carried)


def test_notes_name_who_carries_the_merged_roles(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch", employees=80, industry="retail")
    design = plan.roles.get(code="design")

    manager_client.post(reverse("plans:role-edit", args=[plan.pk, design.pk]), edit_data(design, headcount=2))

    lead = plan.roles.get(code="lead")
    merged = [role.name_en for role in plan.roles.filter(merged_into=lead)]
    assert merged
    assert any(note.startswith(f"{lead.name_en} also covers the duties of:") and all(m in note for m in merged)
               for note in notes_en(plan))


def test_headcount_zero_is_refused_and_nothing_changes(manager_client, manager, make_plan):
    plan = make_plan(manager)
    role = plan.roles.get(code="content")

    response = manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, headcount=0))

    assert response.status_code == 200
    with translation.override("zh-hans"):
        assert str(ERR_HEADCOUNT_ZERO) in response.content.decode()
    assert PlanRole.objects.get(pk=role.pk).headcount == role.headcount


def test_a_hand_set_headcount_replaces_the_engines_reason_for_the_old_number(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=3000, industry="retail", private_domain_users=120_000)
    role = plan.roles.get(code="user_ops")
    assert any("120,000" in reason["en"] for reason in role.reasons)

    manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, headcount=5))
    role.refresh_from_db()
    manager_client.post(reverse("plans:role-edit", args=[plan.pk, role.pk]), edit_data(role, headcount=6))

    role.refresh_from_db()
    texts = [reason["en"] for reason in role.reasons]
    assert not any("→ 12 people" in text for text in texts)
    with translation.override("en"):
        expected = str(MSG_SET_BY_HAND) % {"count": 6, "recommended": 12}
    assert texts.count(expected) == 1 and sum("by hand" in text for text in texts) == 1
