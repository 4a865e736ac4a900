"""The plan list: a page at a time, newest first, cached under the page's plans and never stale."""
import re
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import TeamPlan
from plans.selectors import PLANS_PER_PAGE
from plans.services import plan_rename, plan_role_update


def copies(plan, count, owner=None):
    """``count`` bare copies of the plan's row (no roles), each older than the one before, made in one query."""
    rows = []
    for i in range(count):
        row = TeamPlan(**{f.attname: getattr(plan, f.attname) for f in TeamPlan._meta.concrete_fields})
        row.pk, row.company_name = None, f"副本{i:03d}"
        row.owner_id = (owner or plan.owner).pk
        rows.append(row)
    made = TeamPlan.objects.bulk_create(rows)
    for i, row in enumerate(made):
        TeamPlan.objects.filter(pk=row.pk).update(updated_at=plan.updated_at - timedelta(minutes=i + 1))
    return made


def names(client, page=None):
    response = client.get(reverse("plans:list") + (f"?page={page}" if page else ""))
    assert response.status_code == 200
    return re.findall(r"<strong>([^<]+)</strong></a>", response.content.decode())


def counts(client):
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("plans:list")).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(reverse("plans:list")).status_code == 200
    return len(first), len(again)


def test_the_plan_list_shows_a_page_at_a_time_newest_first(manager_client, plan):
    copies(plan, PLANS_PER_PAGE + 5)

    first = names(manager_client)
    assert len(first) == PLANS_PER_PAGE and first[:2] == [plan.company_name, "副本000"]
    assert names(manager_client, 2) == [f"副本{i:03d}" for i in range(PLANS_PER_PAGE - 1, PLANS_PER_PAGE + 5)]
    assert "第 1 页，共 2 页" in manager_client.get(reverse("plans:list")).content.decode()


def test_the_plan_list_query_count_does_not_grow_with_the_plans(client, manager, hr_user, plan):
    client.force_login(manager)
    client.get(reverse("home"))  # warm the session
    few = counts(client)
    copies(plan, 3 * PLANS_PER_PAGE)
    client.force_login(hr_user)
    client.get(reverse("home"))

    assert counts(client) == few
    # session, user, the rights (one read), the count, the page's keys, unfinished wizards (+ the rows when drawn)
    assert few == (7, 6)


def test_a_rename_a_headcount_edit_and_a_delete_show_in_the_plan_list_at_once(manager_client, make_plan, manager):
    kept, gone = make_plan(manager, company_name="留下的品牌"), make_plan(manager, company_name="删掉的品牌")
    names(manager_client)
    plan_rename(plan=kept, company_name="改名的品牌")
    role = kept.roles.get(code="lead")
    plan_role_update(plan_role=role, headcount=role.headcount + 9, reports_to=None, kpi_values={})
    gone.delete()

    page = manager_client.get(reverse("plans:list")).content.decode()
    assert names(manager_client) == ["改名的品牌"]
    total = sum(r.headcount for r in kept.roles.all())
    assert f'data-label="人数">{total}</td>' in page


def test_the_plan_list_follows_the_language_and_who_is_looking(client, manager, hr_user, plan):
    client.force_login(manager)
    own = client.get(reverse("plans:list")).content.decode()
    assert 'data-label="行业">线下零售/新零售</td>' in own
    assert 'data-label="所有者"' not in own
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_user)

    page = client.get(reverse("plans:list")).content.decode()
    assert "<th>Owner</th>" in page and f'data-label="Owner">{manager.username}</td>' in page
    assert 'data-label="Industry">Offline / new retail</td>' in page and "线下零售" not in page


def test_hrs_admin_changelist_reads_the_same_queries_whatever_the_number_of_plans(client, hr_user, plan):
    client.force_login(hr_user)
    url = reverse("admin:plans_teamplan_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    copies(plan, 150)

    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "151 个 团队方案" in page and "副本000" in page
    assert not [query for query in many.captured_queries if "django_datetime_trunc" in query["sql"]]
