"""Re-planning lists the owner's edits and keeps the ones they tick, instead of silently throwing them away."""
from django.urls import reverse

from plans.models import PlanRole, TeamPlan, WizardDraft
from tests.conftest import edit_data


def start_replan(client, plan, **changes):
    client.post(reverse("plans:replan", args=[plan.pk]))
    draft = WizardDraft.objects.get(plan=plan)
    draft.answers = {**draft.answers, **changes}
    draft.save()
    return draft, reverse("wizard:step", args=[draft.pk, 5])


def edited_plan(client, make_plan, manager):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    content = plan.roles.get(code="content")
    client.post(reverse("plans:role-edit", args=[plan.pk, content.pk]), edit_data(content, headcount=4))
    client.post(reverse("plans:role-remove", args=[plan.pk, plan.roles.get(code="design").pk]))
    return plan


def test_the_review_lists_the_edits_that_a_replan_would_lose(manager_client, make_plan, manager):
    plan = edited_plan(manager_client, make_plan, manager)
    _draft, url = start_replan(manager_client, plan, member_share=30)

    html = manager_client.get(url).content.decode()

    edits = html.split('id="review-edits"')[1].split("</section>")[0]
    assert 'value="headcount:content" checked' in edits and "4 人" in edits
    assert 'value="removed:design" checked' in edits


def test_ticked_edits_are_kept_on_the_new_team_and_unticked_ones_go(manager_client, make_plan, manager):
    plan = edited_plan(manager_client, make_plan, manager)
    _draft, url = start_replan(manager_client, plan, member_share=30)

    response = manager_client.post(url, {"save": "1", "keep": ["headcount:content"]})

    assert response.status_code == 302
    plan = TeamPlan.objects.get(pk=plan.pk)
    assert plan.member_share == 30
    assert plan.roles.get(code="content").headcount == 4  # kept
    assert plan.roles.filter(code="design").exists()  # the removal was not ticked: the designer is back
    assert any("by hand" in reason["en"] for reason in plan.roles.get(code="content").reasons)


def test_a_kept_removal_stays_removed(manager_client, make_plan, manager):
    plan = edited_plan(manager_client, make_plan, manager)
    _draft, url = start_replan(manager_client, plan, member_share=30)

    manager_client.post(url, {"save": "1", "keep": ["removed:design", "headcount:content"]})

    assert not PlanRole.objects.filter(plan=plan, code="design").exists()


def test_an_edit_that_no_longer_applies_is_shown_but_cannot_be_kept(manager_client, make_plan, manager):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce", live_streaming=True)
    live = plan.roles.get(code="live")
    manager_client.post(reverse("plans:role-edit", args=[plan.pk, live.pk]), edit_data(live, headcount=5))
    _draft, url = start_replan(manager_client, plan, live_streaming=False)  # the new team has no live team

    html = manager_client.get(url).content.decode()
    manager_client.post(url, {"save": "1", "keep": ["headcount:live"]})

    assert 'value="headcount:live" disabled' in html
    assert not PlanRole.objects.filter(plan=plan, code="live").exists()
