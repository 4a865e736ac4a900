"""10,000 plans across 100 managers: the plan list, HR's admin changelist and the API list stay flat.

    .venv/bin/python bench/scale_bench.py [--managers 100] [--plans 10000] [--repeats 15]

The same database as ``serve_bench.py`` (a throwaway SQLite file unless DATABASE_URL is set, DEBUG off). One
plan is made by the engine; the rest are bulk-written copies of it (its roles and KPIs included), one plan per
manager first, then the rest. Each page is requested in process through Django's test client, as the manager,
as HR (who sees every plan) or with their API tokens, at both sizes: the first request (nothing cached) and a
repeat, each the median of ``--repeats`` timed requests, with their query counts. Exits non-zero if a page
answers other than 200.
"""
import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serve_bench import TMP  # noqa: E402  (sets the environment: DEBUG off, the bench database in TMP)

BATCH = 2000


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--managers", type=int, default=100)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    return parser.parse_args()


def prepare(managers):
    """Schema, library, ``managers`` managers and an HR user (each with an API token), and one engine-made plan."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from plans.groups import HR, MANAGERS
    from plans.services import plan_create_from_draft
    from teams.engine import CompanyProfile, recommend_team
    from teams.models import Role
    from teams.selectors import load_library

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    if not Role.objects.exists():
        call_command("loaddata", "library", verbosity=0)
    people = User.objects.bulk_create([User(username=f"scale{i:03d}") for i in range(managers)])
    hr = User.objects.create(username="scale-hr", is_staff=True)
    group_rows = [User.groups.through(user_id=user.pk, group_id=Group.objects.get(name=MANAGERS).pk) for user in people]
    User.groups.through.objects.bulk_create([*group_rows, User.groups.through(
        user_id=hr.pk, group_id=Group.objects.get(name=HR).pk)])
    tokens = {user.pk: Token.objects.create(user=user).key for user in (people[0], hr)}
    profile = CompanyProfile(company_name="规模品牌", employees=600, industry="ecommerce", phase="growth",
                             live_streaming=True, member_share=30)
    template = plan_create_from_draft(owner=people[0], draft=recommend_team(profile=profile, library=load_library()))
    return people, hr, tokens, template


def copy_plans(template, owners):
    """One bulk-written copy of ``template`` (its roles, reporting lines and KPIs) per owner in ``owners``."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max

    from plans.models import PlanKPI, PlanRole, TeamPlan

    roles, kpis = list(template.roles.all()), list(PlanKPI.objects.filter(plan_role__plan=template))
    with transaction.atomic():
        for start in range(0, len(owners), BATCH):
            plans = TeamPlan.objects.bulk_create([
                _copy(template, pk=None, owner_id=owner.pk, company_name=f"规模品牌{i}")
                for i, owner in enumerate(owners[start:start + BATCH], start)])
            next_id = (PlanRole.objects.aggregate(top=Max("id"))["top"] or 0) + 1
            new_ids, copied_roles = {}, []
            for plan in plans:  # explicit ids, so reporting lines point at the copy's own roles
                for role in roles:
                    new_ids[plan.pk, role.pk], next_id = next_id, next_id + 1
                copied_roles += [_copy(role, pk=new_ids[plan.pk, role.pk], plan_id=plan.pk,
                                       reports_to_id=new_ids.get((plan.pk, role.reports_to_id)),
                                       merged_into_id=new_ids.get((plan.pk, role.merged_into_id))) for role in roles]
            PlanRole.objects.bulk_create(copied_roles, batch_size=500)
            PlanKPI.objects.bulk_create([_copy(kpi, pk=None, plan_role_id=new_ids[plan.pk, kpi.plan_role_id])
                                         for plan in plans for kpi in kpis], batch_size=500)
        with connection.cursor() as cursor:  # PostgreSQL's sequences past the explicit ids (none on SQLite)
            for sql in connection.ops.sequence_reset_sql(no_style(), [PlanRole]):
                cursor.execute(sql)


def _copy(instance, **changes):
    values = {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}
    return type(instance)(**{**values, **changes})


def clients(manager, hr, tokens):
    from django.test import Client

    signed_in = {"manager": Client(), "HR": Client()}
    signed_in["manager"].force_login(manager)
    signed_in["HR"].force_login(hr)
    return {
        "plan list, manager": (signed_in["manager"], "/plans/"),
        "plan list, HR (every plan)": (signed_in["HR"], "/plans/"),
        "admin changelist, HR": (signed_in["HR"], "/admin/plans/teamplan/"),
        "API list, manager": (Client(HTTP_AUTHORIZATION=f"Token {tokens[manager.pk]}"), "/api/plans/"),
        "API list, HR": (Client(HTTP_AUTHORIZATION=f"Token {tokens[hr.pk]}"), "/api/plans/"),
    }


def measure(client, path, repeats):
    """(first ms, first queries, repeat ms, repeat queries): medians of ``repeats`` timed requests."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def timed(cold):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"FAILED: {path} answered {response.status_code}")
        return (time.perf_counter() - started) * 1000

    def counted(cold):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        return len(queries)

    first_queries, repeat_queries = counted(True), counted(False)
    first = statistics.median(timed(True) for _ in range(repeats))
    timed(False)
    repeat = statistics.median(timed(False) for _ in range(repeats))
    return first, first_queries, repeat, repeat_queries


def main():
    args = arguments()
    people, hr, tokens, template = prepare(args.managers)
    pages = clients(people[0], hr, tokens)
    started = time.perf_counter()
    copy_plans(template, people[1:])
    small = {name: measure(client, path, args.repeats) for name, (client, path) in pages.items()}
    per_manager = args.plans // args.managers
    copy_plans(template, [person for _ in range(per_manager - 1) for person in people])
    from plans.models import PlanRole, TeamPlan

    print(f"database {os.environ['DATABASE_URL'].split(':', 1)[0]}: {TeamPlan.objects.count():,} plans, "
          f"{PlanRole.objects.count():,} plan roles, written in {time.perf_counter() - started:.1f} s "
          f"(with the first measurements); medians of {args.repeats} requests in process")
    large = {name: measure(client, path, args.repeats) for name, (client, path) in pages.items()}
    print(f"{'page':<28}{'plans':>8}{'first ms':>10}{'queries':>9}{'repeat ms':>11}{'queries':>9}")
    for name in pages:
        for count, row in ((args.managers, small[name]), (TeamPlan.objects.count(), large[name])):
            print(f"{name:<28}{count:>8,}{row[0]:>10.1f}{row[1]:>9}{row[2]:>11.1f}{row[3]:>9}")


if __name__ == "__main__":
    try:
        main()
    finally:  # the throwaway database holds about 900 MB at 10,000 plans
        shutil.rmtree(TMP, ignore_errors=True)
