"""Lost updates in the HTML forms: each edit form carries the plan revision it was rendered from, and an edit
sent from a page older than the plan's last saved edit is refused — nothing saved, the current values shown.

Two clients logged in as the plan's owner stand for two tabs or two devices (or two people sharing the
account) editing the same plan.
"""
import re

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import PlanRole, TeamPlan, WizardDraft
from tests.conftest import edit_data

STALE_ZH = "此方案已被他人修改"


def page_revision(response):
    """The revision a page's form would send back, read from the HTML as the browser would."""
    found = re.findall(r'name="revision" value="([^"]*)"', response.content.decode())
    assert found, "the page has no revision field"
    return found[0]


@pytest.fixture
def second_tab(manager):
    client = Client()
    client.force_login(manager)
    return client


def test_every_edit_form_carries_the_plan_revision(manager_client, plan, role):
    pages = [reverse("plans:detail", args=[plan.pk]), reverse("plans:role-edit", args=[plan.pk, role.pk]),
             reverse("plans:role-remove", args=[plan.pk, role.pk]), reverse("plans:delete", args=[plan.pk]),
             reverse("plans:rename", args=[plan.pk])]
    for url in pages:
        assert page_revision(manager_client.get(url)) == plan.revision, url


def test_a_stale_role_edit_is_refused_and_shows_the_values_saved_meanwhile(manager_client, second_tab, plan, role):
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    mine = page_revision(manager_client.get(url))
    theirs = page_revision(second_tab.get(url))
    assert second_tab.post(url, edit_data(role, headcount=3, revision=theirs)).status_code == 302

    response = manager_client.post(url, edit_data(role, headcount=5, revision=mine))

    html = response.content.decode()
    assert response.status_code == 409 and STALE_ZH in html
    assert re.search(r'name="headcount" value="3"', html)  # the form now holds what the other tab saved
    assert re.search(r"<td[^>]*>5</td><td[^>]*><strong>3</strong>", html)  # mine (not saved) beside theirs
    assert PlanRole.objects.get(pk=role.pk).headcount == 3


def test_after_a_conflict_the_refreshed_form_saves(manager_client, second_tab, plan, role):
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    mine = page_revision(manager_client.get(url))
    second_tab.post(url, edit_data(role, headcount=3, revision=page_revision(second_tab.get(url))))
    conflict = manager_client.post(url, edit_data(role, headcount=5, revision=mine))

    again = manager_client.post(url, edit_data(role, headcount=5, revision=page_revision(conflict)))

    assert again.status_code == 302 and PlanRole.objects.get(pk=role.pk).headcount == 5


def test_a_stale_kpi_weight_edit_saves_nothing(manager_client, second_tab, plan, role):
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    mine = page_revision(manager_client.get(url))
    second_tab.post(url, edit_data(role, headcount=2, revision=page_revision(second_tab.get(url))))
    weights = {kpi.pk: kpi.weight for kpi in role.kpis.all()}
    first, second = list(weights)[:2]
    moved = {"kpi-0-weight": weights[first] + 5, "kpi-1-weight": weights[second] - 5}

    response = manager_client.post(url, edit_data(role, revision=mine, **moved))

    assert response.status_code == 409
    assert {kpi.pk: kpi.weight for kpi in role.kpis.all()} == weights


def test_a_role_edit_whose_role_was_removed_meanwhile_goes_back_to_the_plan(manager_client, second_tab, plan, role):
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    mine = page_revision(manager_client.get(url))
    remove = reverse("plans:role-remove", args=[plan.pk, role.pk])
    second_tab.post(remove, {"revision": page_revision(second_tab.get(remove))})

    response = manager_client.post(url, edit_data(role, headcount=5, revision=mine), follow=True)

    assert STALE_ZH in response.content.decode() and response.redirect_chain[-1][0] == plan.get_absolute_url()


def test_a_stale_remove_keeps_the_role(manager_client, second_tab, plan, role):
    remove = reverse("plans:role-remove", args=[plan.pk, role.pk])
    mine = page_revision(manager_client.get(remove))
    edit = reverse("plans:role-edit", args=[plan.pk, role.pk])
    second_tab.post(edit, edit_data(role, headcount=2, revision=page_revision(second_tab.get(edit))))

    response = manager_client.post(remove, {"revision": mine}, follow=True)

    assert STALE_ZH in response.content.decode()
    assert PlanRole.objects.filter(pk=role.pk, headcount=2).exists()


def test_a_stale_add_adds_nothing(manager_client, second_tab, plan, role):
    detail = reverse("plans:detail", args=[plan.pk])
    mine = page_revision(manager_client.get(detail))
    edit = reverse("plans:role-edit", args=[plan.pk, role.pk])
    second_tab.post(edit, edit_data(role, headcount=2, revision=page_revision(second_tab.get(edit))))
    ads = plan.roles.model.role.field.related_model.objects.get(code="ads")
    assert not plan.roles.filter(code="ads").exists()

    response = manager_client.post(reverse("plans:role-add", args=[plan.pk]), {"role": ads.pk, "revision": mine},
                                   follow=True)

    assert STALE_ZH in response.content.decode() and not plan.roles.filter(code="ads").exists()


def test_a_stale_delete_keeps_the_plan(manager_client, second_tab, plan, role):
    delete = reverse("plans:delete", args=[plan.pk])
    mine = page_revision(manager_client.get(delete))
    edit = reverse("plans:role-edit", args=[plan.pk, role.pk])
    second_tab.post(edit, edit_data(role, headcount=2, revision=page_revision(second_tab.get(edit))))

    response = manager_client.post(delete, {"revision": mine}, follow=True)

    assert STALE_ZH in response.content.decode() and TeamPlan.objects.filter(pk=plan.pk).exists()
    assert page_revision(manager_client.get(delete)) != mine  # asking again shows the fresh revision


def test_a_stale_replan_keeps_the_edit_made_meanwhile(manager_client, second_tab, plan, role):
    manager_client.post(reverse("plans:replan", args=[plan.pk]))
    review = reverse("wizard:step", args=[WizardDraft.objects.get(plan=plan).pk, 5])
    mine = page_revision(manager_client.get(review))
    edit = reverse("plans:role-edit", args=[plan.pk, role.pk])
    second_tab.post(edit, edit_data(role, headcount=4, revision=page_revision(second_tab.get(edit))))

    response = manager_client.post(review, {"save": "1", "revision": mine}, follow=True)

    assert STALE_ZH in response.content.decode() and response.redirect_chain[-1][0] == review
    assert PlanRole.objects.get(pk=role.pk).headcount == 4  # the team was not replaced


def test_a_form_sent_with_the_current_revision_saves(manager_client, plan, role):
    remove = reverse("plans:role-remove", args=[plan.pk, role.pk])

    response = manager_client.post(remove, {"revision": page_revision(manager_client.get(remove))})

    assert response.status_code == 302 and not PlanRole.objects.filter(pk=role.pk).exists()


def test_without_a_revision_the_last_write_wins_as_in_the_api(manager_client, second_tab, plan, role):
    """A scripted post with no revision is not checked, like an API PATCH without If-Match."""
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    second_tab.post(url, edit_data(role, headcount=3))

    assert manager_client.post(url, edit_data(role, headcount=5)).status_code == 302
    assert PlanRole.objects.get(pk=role.pk).headcount == 5


def test_the_api_etag_and_the_forms_revision_are_the_same_revision(api, manager_client, plan, role):
    """One revision: a page rendered from an ETag the API just handed out is not stale, and an API write
    makes the page's revision stale."""
    url = reverse("plans:role-edit", args=[plan.pk, role.pk])
    assert api.get(f"/api/plans/{plan.pk}/")["ETag"] == f'"{page_revision(manager_client.get(url))}"'
    mine = page_revision(manager_client.get(url))
    api.patch(f"/api/plans/{plan.pk}/", {"company_name": "改名了"}, format="json")

    assert manager_client.post(url, edit_data(role, headcount=5, revision=mine)).status_code == 409


def test_renaming_changes_only_the_name(manager_client, plan):
    url = reverse("plans:rename", args=[plan.pk])
    headcount = plan.total_headcount

    response = manager_client.post(url, {"company_name": "新名字", "revision": page_revision(manager_client.get(url))},
                                   follow=True)

    assert "方案已重命名" in response.content.decode()
    plan = TeamPlan.objects.get(pk=plan.pk)
    assert plan.company_name == "新名字" and plan.total_headcount == headcount


def test_a_blank_name_is_refused_next_to_the_field(manager_client, plan):
    response = manager_client.post(reverse("plans:rename", args=[plan.pk]), {"company_name": "  "})

    assert response.status_code == 200 and "该字段是必填项" in response.content.decode()
    assert TeamPlan.objects.get(pk=plan.pk).company_name == plan.company_name


def test_a_stale_rename_is_refused_and_shows_the_current_name(manager_client, second_tab, plan):
    url = reverse("plans:rename", args=[plan.pk])
    mine = page_revision(manager_client.get(url))
    second_tab.post(url, {"company_name": "他们的名字", "revision": page_revision(second_tab.get(url))})

    response = manager_client.post(url, {"company_name": "我的名字", "revision": mine})

    assert response.status_code == 409 and STALE_ZH in response.content.decode()
    assert 'value="他们的名字"' in response.content.decode()
    assert TeamPlan.objects.get(pk=plan.pk).company_name == "他们的名字"


def test_only_the_owner_may_rename(client, hr_user, plan):
    client.force_login(hr_user)
    assert client.post(reverse("plans:rename", args=[plan.pk]), {"company_name": "x"}).status_code == 403
