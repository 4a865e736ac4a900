"""A plan's full state as JSON, and back.

A snapshot holds every stored field of the plan, its roles and their KPIs (reporting lines and merges by
role code, never by database id), so a version can be shown, diffed and restored long after the rows it
was taken from are gone. Reading always goes through :func:`read_snapshot`, which upgrades snapshots
written under an older ``schema_version``. A field added by a later migration needs no upgrade step: an
old snapshot lacks it and :func:`materialize` gives it the field's default; a field removed later is
ignored. Renames or changed meanings get an upgrade step in ``UPGRADES`` and a new ``SCHEMA_VERSION``.
"""
import json

from django.core.serializers.json import DjangoJSONEncoder

from .models import PlanKPI, PlanRole, TeamPlan

SCHEMA_VERSION = 1
# UPGRADES[n] turns a snapshot of schema n into one of schema n + 1.
UPGRADES = {}

PLAN_SKIP = {"id", "owner", "created_at", "updated_at", "status"}  # the review status is not the plan's content
ROLE_SKIP = {"id", "plan", "role", "reports_to", "merged_into"}
KPI_SKIP = {"id", "plan_role"}


def _fields(row, skip):
    return {f.name: f.value_from_object(row) for f in row._meta.concrete_fields if f.name not in skip}


def take_snapshot(plan, roles) -> dict:
    """``plan`` with ``roles`` (each with its KPIs prefetched as ``kpis``) as plain JSON values."""
    codes = {role.pk: role.code for role in roles}
    entries = []
    for role in sorted(roles, key=lambda r: (r.order, r.code)):
        entries.append({
            **_fields(role, ROLE_SKIP),
            "reports_to": codes.get(role.reports_to_id), "merged_into": codes.get(role.merged_into_id),
            "kpis": [_fields(kpi, KPI_SKIP) for kpi in sorted(role.kpis.all(), key=lambda k: (k.order, k.code))],
        })
    # Through the encoder and back, so the snapshot in memory equals the one read from the database.
    return json.loads(json.dumps({"plan": _fields(plan, PLAN_SKIP), "roles": entries}, cls=DjangoJSONEncoder))


def read_snapshot(version) -> dict:
    """A version's snapshot in the current schema, whatever schema it was written in."""
    snapshot, schema = version.snapshot, version.schema_version
    while schema < SCHEMA_VERSION:
        snapshot = UPGRADES[schema](snapshot)
        schema += 1
    return snapshot


def _row(model, values, **extra):
    """An unsaved ``model`` row from stored values: missing fields take their default, unknown ones are dropped."""
    fields = {}
    for field in model._meta.concrete_fields:
        if field.name in values:
            fields[field.attname] = field.to_python(values[field.name])
    return model(**fields, **extra)


def materialize(snapshot, *, plan_id=None):
    """The snapshot as unsaved rows: a plan and its roles, linked in memory like ``TeamPlan.team``.

    Roles get stand-in ids (1, 2, …) so reporting lines, merges and costs work as on saved rows; each
    role's KPIs are in ``kpi_rows``.
    """
    plan = _row(TeamPlan, snapshot["plan"], id=plan_id)
    entries = snapshot["roles"]
    ids = {entry["code"]: i for i, entry in enumerate(entries, start=1)}
    roles = []
    for i, entry in enumerate(entries, start=1):
        role = _row(PlanRole, {k: v for k, v in entry.items() if k not in ROLE_SKIP | {"kpis"}}, id=i,
                    reports_to_id=ids.get(entry.get("reports_to")), merged_into_id=ids.get(entry.get("merged_into")))
        role.plan = plan
        role.kpi_rows = [_row(PlanKPI, values) for values in entry.get("kpis", [])]
        roles.append(role)
    by_id = {role.pk: role for role in roles}
    for role in roles:
        role.reports_to = by_id.get(role.reports_to_id)
        role.merged_into = by_id.get(role.merged_into_id)
    return plan, roles
