"""The wizard's steps and review are cached under the draft's answers, the library and the language: never stale."""
import re

from django.conf import settings
from django.urls import reverse

from plans.models import WizardDraft
from plans.services import plan_role_update
from teams.models import Role
from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD, walk


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def company_name_box(page):
    return re.search(r'<input type="text" name="company_name" value="([^"]*)"', page).group(1)


def team(page):
    return re.findall(r'<tr data-role="(\w+)">\s*<td[^>]*><strong>([^<]+)</strong>', page)


def test_a_saved_answer_shows_when_the_step_is_opened_again(manager_client):
    draft = walk(manager_client, COMPANY)
    url = reverse("wizard:step", args=[draft.pk, 1])
    assert company_name_box(html(manager_client, url)) == "桃园茶饮"
    manager_client.post(url, {**COMPANY, "company_name": "新名字"})

    assert company_name_box(html(manager_client, url)) == "新名字"


def test_a_refused_answer_shows_its_error_though_the_step_is_cached(manager_client):
    draft = walk(manager_client, COMPANY)
    url = reverse("wizard:step", args=[draft.pk, 1])
    html(manager_client, url)

    refused = manager_client.post(url, {**COMPANY, "employees": "很多"}).content.decode()
    assert "has-error" in refused and 'value="很多"' in refused
    assert "has-error" not in html(manager_client, url)


def test_the_steps_follow_the_language(manager_client):
    assert "全部在职员工人数" in html(manager_client, reverse("wizard:start"))
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = html(manager_client, reverse("wizard:start"))
    assert "Everyone on the payroll" in page and "全部在职员工人数" not in page


def test_a_step_costs_the_same_queries_whatever_the_answers(manager_client, django_assert_num_queries):
    html(manager_client, reverse("wizard:start"))
    with django_assert_num_queries(3):  # session, user, the user's rights (one read)
        html(manager_client, reverse("wizard:start"))
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD)
    url = reverse("wizard:step", args=[draft.pk, 3])
    html(manager_client, url)
    with django_assert_num_queries(4):  # and the draft
        html(manager_client, url)


def test_a_library_rename_and_a_changed_answer_show_in_the_review_at_once(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    review = reverse("wizard:step", args=[draft.pk, 5])
    before = dict(team(html(manager_client, review)))
    assert "live" in before
    live = Role.objects.get(code="live")
    live.name_zh = "直播岗（改名）"
    live.save()
    assert dict(team(html(manager_client, review)))["live"] == "直播岗（改名）"

    manager_client.post(reverse("wizard:step", args=[draft.pk, 2]), {**SITUATION, "live_streaming": ""})
    assert "live" not in dict(team(html(manager_client, review)))


def test_the_review_follows_the_language(manager_client):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    review = reverse("wizard:step", args=[draft.pk, 5])
    html(manager_client, review)
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert dict(team(html(manager_client, review)))["lead"] == Role.objects.get(code="lead").name_en


def test_a_plan_edit_made_during_a_replan_shows_in_its_review_at_once(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce")
    manager_client.post(reverse("plans:replan", args=[plan.pk]))
    review = reverse("wizard:step", args=[WizardDraft.objects.get(plan=plan).pk, 5])
    assert 'id="review-edits"' not in html(manager_client, review)
    content = plan.roles.get(code="content")
    plan_role_update(plan_role=content, headcount=4, reports_to=content.reports_to, kpi_values={})

    page = html(manager_client, review)
    assert 'value="headcount:content" checked' in page
    assert f'name="revision" value="{plan.roles.get(pk=content.pk).plan.revision}"' in page


def test_a_repeat_review_costs_a_fixed_number_of_queries(manager_client, django_assert_num_queries):
    draft = walk(manager_client, COMPANY, SITUATION, WORKLOAD, CONSTRAINTS)
    review = reverse("wizard:step", args=[draft.pk, 5])
    html(manager_client, review)
    with django_assert_num_queries(5):  # session, user, the rights (one read), the draft, the library revision
        assert 'data-role="lead"' in html(manager_client, review)
