"""Backups: dumpdata of the whole app and loaddata into an empty database lose nothing."""
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from kpis.models import KPITemplate
from plans.models import PlanKPI, PlanRole, TeamPlan
from plans.services import plan_role_update
from teams.models import Duty, PlacementRule, Role, RoleKPI, StaffingRule


def snapshot():
    plans = sorted(TeamPlan.objects.values_list("owner__username", "company_name", "phase", "placement", "notes",
                                                "placement_reasons"))
    roles = sorted((r.plan.company_name, r.code, r.headcount, r.reports_to.code if r.reports_to else None,
                    r.merged_into.code if r.merged_into else None, str(r.duties), str(r.reasons))
                   for r in PlanRole.objects.select_related("plan", "reports_to", "merged_into"))
    kpis = sorted(PlanKPI.objects.values_list("plan_role__plan__company_name", "plan_role__code", "code", "weight",
                                              "target", "met_threshold", "exceeded_threshold"))
    library = (
        sorted(Role.objects.values_list("code", "name_zh", "name_en", "default_parent__code", "tier", "order")),
        sorted(Duty.objects.values_list("role__code", "order", "text_zh", "text_en", "source")),
        sorted(KPITemplate.objects.values_list("code", "name_zh", "formula_zh", "phases", "family")),
        sorted(RoleKPI.objects.values_list("role__code", "kpi__code", "weight")),
        sorted(StaffingRule.objects.values_list("code", "role__code", "action", "merged_into__code", "priority")),
        sorted(PlacementRule.objects.values_list("code", "placement", "priority", "min_member_share")),
    )
    users = sorted(User.objects.values_list("username", "password", "groups__name"))
    return plans, roles, kpis, library, users


@pytest.mark.django_db(transaction=True)  # flush truncates tables, which PostgreSQL refuses inside a transaction
def test_dump_and_load_round_trips_plans_and_library(manager, other_manager, make_plan, tmp_path):
    make_plan(manager, company_name="备份品牌", phase="growth", employees=500, live_streaming=True)
    plan = make_plan(other_manager, company_name="另一品牌", headcount_budget=2)
    lead = plan.roles.get(code="lead")
    kpis = list(lead.kpis.all())
    plan_role_update(plan_role=lead, headcount=1, reports_to=None, kpi_values={
        kpi: {"weight": kpi.weight, "target": 123, "met_threshold": 90, "exceeded_threshold": 130} for kpi in kpis})
    before = snapshot()

    backup = tmp_path / "backup.json"
    call_command("dumpdata", "--natural-foreign", "--natural-primary", "-e", "contenttypes", "-e", "auth.permission",
                 "-e", "sessions", "-e", "admin.logentry", "--output", str(backup))
    call_command("flush", interactive=False, verbosity=0)
    assert not Role.objects.exists() and not TeamPlan.objects.exists()

    call_command("loaddata", str(backup), verbosity=0)

    assert snapshot() == before
    assert PlanKPI.objects.filter(plan_role__plan__company_name="另一品牌", target=123).count() == len(kpis)
