"""Time the two Excel exports on a 30-role plan; prints figures only.

    .venv/bin/python bench/export_bench.py [RUNS]      (default 20 runs)

Uses a throwaway SQLite database at /tmp/siyu_bench.sqlite3 (recreated every run): migrates, loads
the library, makes a mature large-company plan, adds every library role, then made-up roles (with
duties, capabilities and five library KPIs each) until the plan has 30 roles.
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = Path(os.environ.get("BENCH_DB", "/tmp/siyu_bench.sqlite3"))  # BENCH_DB: run beside another bench
TARGET_ROLES = 30

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")

import django  # noqa: E402
import openpyxl  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kpis.models import KPITemplate  # noqa: E402
from plans.exports.downloads import workbook_bytes  # noqa: E402
from plans.exports.kpi_sheets import build_kpi_workbook  # noqa: E402
from plans.exports.role_specs import build_role_spec_workbook  # noqa: E402
from plans.models import TeamPlan  # noqa: E402
from plans.services import plan_create_from_draft, plan_role_add  # noqa: E402
from teams.engine import CompanyProfile, recommend_team  # noqa: E402
from teams.models import Capability, Duty, Role, RoleKPI  # noqa: E402
from teams.selectors import load_library  # noqa: E402


def fresh_database():
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", "library", verbosity=0)


def fake_roles(count):
    """Made-up roles shaped like the library's, each linked to five library KPIs."""
    kpis = list(KPITemplate.objects.order_by("code"))
    lead = Role.objects.get(code="lead")
    roles = []
    for i in range(count):
        role = Role.objects.create(
            code=f"bench-{i:02d}", name_zh=f"压测岗位{i:02d}（区域社群运营）", name_en=f"Bench role {i:02d}",
            tier=("front", "middle", "back")[i % 3], summary_zh="负责区域私域社群的日常运营、内容分发与用户转化，" * 2,
            summary_en="Runs the regional private-domain communities day to day. " * 2, default_parent=lead,
            order=200 + i, source="derived",
        )
        Duty.objects.bulk_create([
            Duty(role=role, order=n, text_zh=f"第{n + 1}项职责：制定并执行社群运营SOP，跟踪转化数据并复盘。",
                 text_en=f"Duty {n + 1}: run the community SOP and review conversion.", source="S2")
            for n in range(8)
        ])
        Capability.objects.bulk_create([
            Capability(role=role, order=n, text_zh=f"能力{n + 1}：数据敏感，沟通协调能力强。",
                       text_en=f"Capability {n + 1}: numerate, a good communicator.", source="S3")
            for n in range(4)
        ])
        RoleKPI.objects.bulk_create([RoleKPI(role=role, kpi=kpis[(i * 5 + n) % len(kpis)], weight=20, order=n)
                                     for n in range(5)])
        roles.append(role)
    return roles


def make_plan():
    owner = User.objects.create_user("bench")
    profile = CompanyProfile(company_name="压测品牌（华东）", employees=5000, industry="ecommerce", phase="mature",
                             strategic=True, live_streaming=True, business_lines=3, member_share=30)
    plan = plan_create_from_draft(owner=owner, draft=recommend_team(profile=profile, library=load_library()))
    present = set(plan.roles.values_list("code", flat=True))
    for role in Role.objects.exclude(code__in=present).order_by("order", "code"):
        plan_role_add(plan=plan, role=role)
    missing = TARGET_ROLES - plan.roles.count()
    for role in fake_roles(max(missing, 0)):
        plan_role_add(plan=plan, role=role)
    return plan


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def line(name, values):
    return (f"  {name:<8} min {min(values):7.1f}   median {statistics.median(values):7.1f}   "
            f"p95 {percentile(values, 0.95):7.1f} ms")


def bench(name, build, plan_pk, runs):
    build(TeamPlan.objects.with_team().get(pk=plan_pk))  # warm-up
    loads, builds, saves, sizes = [], [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            plan = TeamPlan.objects.with_team().get(pk=plan_pk)
            list(plan.roles.all())
            loaded = time.perf_counter()
            workbook = build(plan)
        built = time.perf_counter()
        content = workbook_bytes(workbook)
        saved = time.perf_counter()
        loads.append((loaded - started) * 1000)
        builds.append((built - loaded) * 1000)
        saves.append((saved - built) * 1000)
        sizes.append(len(content))
    totals = [a + b + c for a, b, c in zip(loads, builds, saves, strict=True)]
    print(f"{name}: {len(workbook.worksheets)} sheets, {sizes[-1] / 1024:.1f} KiB, {len(queries)} queries "
          f"(load with with_team() + build)")
    for label, values in (("load", loads), ("build", builds), ("save", saves), ("total", totals)):
        print(line(label, values))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    fresh_database()
    plan = make_plan()
    plan = TeamPlan.objects.with_team().get(pk=plan.pk)
    roles = list(plan.roles.all())
    kpis = sum(len(role.kpis.all()) for role in roles)
    duties = sum(len(role.duties) for role in roles)
    print(f"plan: {len(roles)} roles ({len(plan.staffed_roles())} staffed), {kpis} KPIs, {duties} duties; "
          f"{runs} runs; python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, {connection.vendor}")
    bench("role specs (岗位说明书)", build_role_spec_workbook, plan.pk, runs)
    bench("KPI sheets (考核表)", build_kpi_workbook, plan.pk, runs)


if __name__ == "__main__":
    main()
