"""The plan page's growth section is cached under the plan and library revisions: never stale, never redrawn twice."""
import re

from django.conf import settings

from plans.services import plan_role_update
from teams.models import Role


def growth_section(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return re.search(r'<ol class="growth">(.*?)</ol>', response.content.decode(), re.S).group(1)


def added_at_later_phases(client, plan):
    return re.findall(r"<li>\+\d+ ([^<]+)</li>", growth_section(client, plan))


def test_a_library_rename_shows_in_the_growth_path_at_once(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    first = added_at_later_phases(manager_client, plan)
    assert first
    role = Role.objects.get(name_zh=first[0])
    role.name_zh = "改名后的岗位"
    role.save()

    assert added_at_later_phases(manager_client, plan)[0] == "改名后的岗位"


def test_the_growth_path_follows_the_language(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    first = added_at_later_phases(manager_client, plan)[0]
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert added_at_later_phases(manager_client, plan)[0] == Role.objects.get(name_zh=first).name_en


def test_a_plan_edit_redraws_the_growth_path(manager_client, manager, make_plan):
    plan = make_plan(manager, phase="launch")
    before = growth_section(manager_client, plan)
    role = plan.roles.filter(merged_into__isnull=True).exclude(code="lead").first()
    plan_role_update(plan_role=role, headcount=role.headcount + 5, reports_to=role.reports_to, kpi_values={})

    after = growth_section(manager_client, plan)
    assert after != before
    assert str(plan.roles.get(pk=role.pk).plan.total_headcount) in after


def test_a_repeat_view_does_not_run_the_engine(manager_client, manager, make_plan, monkeypatch):
    plan = make_plan(manager, phase="launch")
    growth_section(manager_client, plan)
    monkeypatch.setattr("plans.views.growth_path", lambda **kwargs: (_ for _ in ()).throw(AssertionError("ran")))

    assert added_at_later_phases(manager_client, plan)
