"""Time the documents HR hands out (three PDFs, the PNG, the Word file) on a 10-role and a 30-role plan.

    .venv/bin/python bench/pdf_bench.py [RUNS]      (default 3 runs)

Uses export_bench's throwaway SQLite database (``BENCH_DB``, default /tmp/siyu_bench.sqlite3) and its
30-role plan (every library role plus made-up ones);
the 10-role plan is a mid-sized growth plan with library roles added until ten are staffed.
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{os.environ.get('BENCH_DB', '/tmp/siyu_bench.sqlite3')}"  # export_bench's
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.export_bench import fresh_database, make_plan  # noqa: E402
from plans.exports import pdf, png, word  # noqa: E402
from plans.models import TeamPlan  # noqa: E402
from plans.services import plan_create_from_draft, plan_role_add  # noqa: E402
from teams.engine import CompanyProfile, recommend_team  # noqa: E402
from teams.models import Role  # noqa: E402
from teams.selectors import load_library  # noqa: E402

DOCUMENTS = (("org-chart.pdf", pdf.org_chart_pdf), ("org-chart.png", png.org_chart_png),
             ("kpi-sheets.pdf", pdf.kpi_sheets_pdf), ("role-specs.pdf", pdf.role_specs_pdf),
             ("role-specs.docx", word.role_specs_docx))


def ten_role_plan():
    owner = User.objects.create_user("bench10")
    profile = CompanyProfile(company_name="十人品牌", employees=300, industry="retail", phase="growth")
    plan = plan_create_from_draft(owner=owner, draft=recommend_team(profile=profile, library=load_library()))
    present = set(plan.roles.values_list("code", flat=True))
    for role in Role.objects.exclude(code__in=present).order_by("order", "code"):
        if len(TeamPlan.objects.with_team().get(pk=plan.pk).staffed_roles()) >= 10:
            break
        plan_role_add(plan=plan, role=role)
    return plan


def bench(plan_pk, runs):
    plan = TeamPlan.objects.with_team().get(pk=plan_pk)
    print(f"plan: {len(plan.staffed_roles())} staffed roles, {sum(len(r.kpis.all()) for r in plan.team)} KPIs")
    for name, build in DOCUMENTS:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            data = build(TeamPlan.objects.with_team().get(pk=plan_pk))
            times.append(time.perf_counter() - started)
        print(f"  {name:<16} median {statistics.median(times):6.2f} s   max {max(times):6.2f} s   "
              f"{len(data) / 1024:7.1f} KiB")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    fresh_database()
    translation.activate("zh-hans")
    big = make_plan()
    small = ten_role_plan()
    bench(small.pk, runs)
    bench(big.pk, runs)


if __name__ == "__main__":
    main()
