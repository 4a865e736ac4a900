"""Restoring an old version of a plan: the plan becomes what it was, recorded as a new version."""
from django.db import transaction

from teams.models import Role

from .models import PlanKPI, PlanRole, TeamPlan
from .services import _clone, _lock_plan
from .snapshots import PLAN_SKIP, materialize, read_snapshot
from .versions import Change, PlanVersion, record_version


@transaction.atomic
def plan_restore_version(*, plan: TeamPlan, version: PlanVersion) -> PlanVersion:
    """Replace the plan's profile, team and KPIs with the version's snapshot; history is kept, never rewritten."""
    _lock_plan(plan)
    saved, roles = materialize(read_snapshot(version), plan_id=plan.pk)
    for field in TeamPlan._meta.concrete_fields:
        if field.name not in PLAN_SKIP:
            setattr(plan, field.attname, getattr(saved, field.attname))
    plan.save()
    plan.roles.all().delete()
    library = Role.objects.in_bulk([role.code for role in roles], field_name="code")
    clones = PlanRole.objects.bulk_create([
        _clone(role, plan=plan, role=library.get(role.code), reports_to=None, merged_into=None) for role in roles])
    new_role = {old.pk: new for old, new in zip(roles, clones, strict=True)}
    for old, new in zip(roles, clones, strict=True):
        new.reports_to = new_role.get(old.reports_to_id)
        new.merged_into = new_role.get(old.merged_into_id)
    PlanRole.objects.bulk_update(clones, ["reports_to", "merged_into"])
    PlanKPI.objects.bulk_create([_clone(kpi, plan_role=new_role[role.pk]) for role in roles for kpi in role.kpi_rows])
    return record_version(plan=plan, kind=Change.RESTORED, restored=version)
