"""Concurrent edits of one plan: real threads, real database connections, real app servers.

The service-level races need a database server (PostgreSQL); the in-memory SQLite test database is a
single connection. The served race runs against gunicorn on PostgreSQL or a SQLite file, whichever
DATABASE_URL names.
"""
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from common.graph import walk_up
from plans import services
from plans.models import PlanRole
from teams.models import Role
from tests.serving import ROOT
from tests.siyu.test_serving import database_url, servers  # noqa: F401 (fixtures)

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="races between connections need PostgreSQL: "
                                    "the in-memory SQLite test database is one shared connection")


def run_together(*jobs):
    """Run each job in its own thread and connection, all released at once; return what each raised."""
    start, outcomes = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(i, job):
        start.wait()
        try:
            job()
        except Exception as error:  # noqa: BLE001 — the test inspects it
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def edit(role_pk, manager_pk):
    def job():
        role = PlanRole.objects.select_related("plan").get(pk=role_pk)
        services.plan_role_update(plan_role=role, headcount=role.headcount, kpi_values={},
                                  reports_to=PlanRole.objects.get(pk=manager_pk))
    return job


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_crossed_edits_cannot_make_a_reporting_loop(make_plan, manager):
    plan = make_plan(manager, employees=800, phase="growth")
    a, b = [r for r in plan.roles.exclude(code="lead").filter(merged_into__isnull=True)][:2]
    for _ in range(5):
        PlanRole.objects.filter(pk__in=[a.pk, b.pk]).update(reports_to=plan.roles.get(code="lead"))
        outcomes = run_together(edit(a.pk, b.pk), edit(b.pk, a.pk))
        managers = dict(plan.roles.values_list("pk", "reports_to_id"))
        assert a.pk not in walk_up(a.pk, managers.get) and b.pk not in walk_up(b.pk, managers.get)
        assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_adds_of_the_same_role_add_it_once_and_refuse_the_other(make_plan, manager):
    plan = make_plan(manager)
    role = Role.objects.exclude(code__in=plan.roles.values("code")).first()
    outcomes = run_together(*[lambda: services.plan_role_add(plan=plan, role=role)] * 2)
    assert plan.roles.filter(code=role.code).count() == 1
    assert [type(o) for o in outcomes].count(ValidationError) == 1, outcomes


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_edit_racing_a_replan_is_refused_with_a_message(make_plan, manager, library):
    from teams.engine import recommend_team
    from tests.conftest import profile

    plan = make_plan(manager, employees=800, phase="growth")
    role = plan.roles.exclude(code="lead").filter(merged_into__isnull=True).first()
    lead = plan.roles.get(code="lead")
    replan = lambda: services.plan_replace_team(  # noqa: E731
        plan=plan, draft=recommend_team(profile=profile(employees=900, phase="growth"), library=library))
    outcomes = run_together(replan, edit(role.pk, lead.pk))
    assert all(o is None or (isinstance(o, ValidationError) and o.code == "conflict") for o in outcomes), outcomes


# --- served: gunicorn workers on PostgreSQL or a SQLite file ---------------------------------------------------

def api(base, method, path, token, body=None, headers=()):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Token {token}", "Content-Type": "application/json",
                                              **dict(headers)})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_concurrent_replans_on_served_workers_never_answer_500(servers, database_url):  # noqa: F811
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "serving-test-" + "k" * 50, "DATABASE_URL": database_url}
    shell = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                            "from django.contrib.auth.models import Group, User;"
                            "from django.core.management import call_command;"
                            "from rest_framework.authtoken.models import Token;"
                            "from teams.models import Role;"
                            "Role.objects.exists() or call_command('loaddata', 'library', verbosity=0);"
                            "u = User.objects.get(username='servuser');"
                            "u.groups.add(Group.objects.get(name='Managers'));"
                            "print(Token.objects.get_or_create(user=u)[0].key)"],
                           cwd=ROOT, env=env, check=True, timeout=120, capture_output=True, text=True)
    token = shell.stdout.split()[-1]
    body = {"company_name": "并发", "employees": 300, "industry": "retail", "phase": "growth"}
    status, plan = api(servers[0], "POST", "/api/plans/", token, body)
    assert status == 201, plan
    statuses = [None] * 8

    def patch(i):
        statuses[i] = api(servers[i % 2], "PATCH", f"/api/plans/{plan['id']}/", token,
                          {"employees": 200 + 100 * i})[0]

    threads = [threading.Thread(target=patch, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {200, 409}, statuses
    status, final = api(servers[0], "GET", f"/api/plans/{plan['id']}/", token)
    codes = [role["code"] for role in final["roles"]]
    assert status == 200 and len(codes) == len(set(codes))
