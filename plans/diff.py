"""What changed between two states of a plan, named change by change.

``plan_state`` reads a plan and its roles (saved rows, or the unsaved rows of a snapshot) into frozen
values; ``diff_states`` compares two of them without touching the database; ``describe`` words one
difference in the reader's language, and ``bilingual_summary`` in both, for a version's stored summary.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from common.text import Formatted, Text, bilingual
from teams.engine import PROFILE_FIELDS

from .models import TeamPlan

NONE = "—"
SUMMARY_LINES = 6

MSG = {
    "role_added": _("%(role)s added (%(new)s people)"),
    "role_removed": _("%(role)s removed (had %(old)s people)"),
    "headcount": _("%(role)s: headcount %(old)s → %(new)s"),
    "reports_to": _("%(role)s: reports to %(old)s → %(new)s"),
    "merged_into": _("%(role)s: merged into %(old)s → %(new)s"),
    "salary": _("%(role)s: salary ¥%(old)s → ¥%(new)s a month"),
    "kpi_added": _("%(role)s: KPI %(kpi)s added (weight %(new)s%%)"),
    "kpi_removed": _("%(role)s: KPI %(kpi)s removed (weight %(old)s%%)"),
    "kpi_weight": _("%(role)s: %(kpi)s weight %(old)s%% → %(new)s%%"),
    "kpi_target": _("%(role)s: %(kpi)s target %(old)s → %(new)s"),
    "field": _("%(field)s: %(old)s → %(new)s"),
    "monthly_cost": _("Monthly cost ¥%(old)s → ¥%(new)s"),
}
# The same changes inside a role's own row, where the role's name is already shown.
IN_ROW = {
    "reports_to": _("reports to %(old)s → %(new)s"),
    "merged_into": _("merged into %(old)s → %(new)s"),
    "salary": _("salary ¥%(old)s → ¥%(new)s a month"),
    "kpi_added": _("KPI %(kpi)s added (weight %(new)s%%)"),
    "kpi_removed": _("KPI %(kpi)s removed (weight %(old)s%%)"),
    "kpi_weight": _("%(kpi)s weight %(old)s%% → %(new)s%%"),
    "kpi_target": _("%(kpi)s target %(old)s → %(new)s"),
}
MSG_MORE = _("and %(n)s more changes")
MSG_NOTHING = _("No change to the team.")


@dataclass(frozen=True)
class KPIState:
    code: str
    name: Text
    weight: int
    target: Decimal | None


@dataclass(frozen=True)
class RoleState:
    code: str
    name: Text
    headcount: int
    reports_to: str | None
    merged_into: str | None
    salary: int | None
    monthly_cost: int
    kpis: tuple[KPIState, ...]
    tier: str = ""  # for the comparison's org charts; not a change of its own
    team_leads: int = 0


@dataclass(frozen=True)
class PlanState:
    fields: tuple[tuple[str, object], ...]  # the profile, name and placement as stored codes and numbers
    roles: tuple[RoleState, ...]
    headcount: int
    monthly_cost: int

    def role(self, code):
        return next((role for role in self.roles if role.code == code), None)


@dataclass(frozen=True)
class Difference:
    kind: str
    role: Text | None = None
    code: str = ""  # the role's code, for changes of one role
    kpi: Text | None = None
    field: str = ""
    old: object = None
    new: object = None


def _kpis(role):
    return role.kpi_rows if hasattr(role, "kpi_rows") else role.kpis.all()


def plan_state(plan, roles) -> PlanState:
    """A plan and its roles (managers and merges linked, as ``TeamPlan.team`` or a materialized snapshot)."""
    by_id = {role.pk: role for role in roles}
    states = tuple(RoleState(
        code=role.code, name=Text.of(role, "name"), headcount=role.headcount,
        reports_to=getattr(by_id.get(role.reports_to_id), "code", None),
        merged_into=getattr(by_id.get(role.merged_into_id), "code", None),
        salary=role.salary, monthly_cost=role.cost.monthly,
        kpis=tuple(KPIState(kpi.code, Text.of(kpi, "name"), kpi.weight, kpi.target) for kpi in _kpis(role)),
        tier=role.tier, team_leads=role.team_leads,
    ) for role in roles)
    fields = tuple((name, getattr(plan, name)) for name in (*PROFILE_FIELDS, "placement"))
    return PlanState(fields=fields, roles=states, headcount=sum(r.headcount for r in states),
                     monthly_cost=sum(r.monthly_cost for r in states))


def diff_states(old: PlanState, new: PlanState) -> list[Difference]:
    """Every change from ``old`` to ``new``: fields, then roles in the new plan's order, then the cost."""
    changes = [Difference("field", field=name, old=before, new=dict(new.fields)[name])
               for name, before in old.fields if dict(new.fields).get(name, before) != before]
    for role in new.roles:
        before = old.role(role.code)
        if before is None:
            changes.append(Difference("role_added", role.name, code=role.code, new=role.headcount))
        else:
            changes += _role_changes(before, role, old, new)
    changes += [Difference("role_removed", role.name, code=role.code, old=role.headcount)
                for role in old.roles if new.role(role.code) is None]
    if old.monthly_cost != new.monthly_cost:
        changes.append(Difference("monthly_cost", old=old.monthly_cost, new=new.monthly_cost))
    return changes


def _role_changes(old: RoleState, new: RoleState, old_plan, new_plan):
    role = {"role": new.name, "code": new.code}
    if old.headcount != new.headcount:
        yield Difference("headcount", **role, old=old.headcount, new=new.headcount)
    for kind in ("reports_to", "merged_into"):
        before, after = getattr(old, kind), getattr(new, kind)
        if before != after:
            yield Difference(kind, **role, old=_role_name(old_plan, before), new=_role_name(new_plan, after))
    if old.salary != new.salary:
        yield Difference("salary", **role, old=old.salary, new=new.salary)
    yield from _kpi_changes(old, new, role)


def _kpi_changes(old: RoleState, new: RoleState, role):
    before = {kpi.code: kpi for kpi in old.kpis}
    after = {kpi.code: kpi for kpi in new.kpis}
    for code, kpi in after.items():
        was = before.get(code)
        if was is None:
            yield Difference("kpi_added", **role, kpi=kpi.name, new=kpi.weight)
            continue
        if was.weight != kpi.weight:
            yield Difference("kpi_weight", **role, kpi=kpi.name, old=was.weight, new=kpi.weight)
        if was.target != kpi.target:
            yield Difference("kpi_target", **role, kpi=kpi.name, old=was.target, new=kpi.target)
    yield from (Difference("kpi_removed", **role, kpi=kpi.name, old=kpi.weight)
                for code, kpi in before.items() if code not in after)


def _role_name(state, code):
    role = state.role(code) if code else None
    return role.name if role else None


def _shown(difference, value):
    """A value as the reader sees it: a choice's label, yes/no, a grouped number, or — for none."""
    if value is None or value == "":
        return _("the placement") if difference.kind == "reports_to" else NONE
    if difference.kind == "field":
        field = TeamPlan._meta.get_field(difference.field)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


def _params(difference):
    params = {"old": _shown(difference, difference.old), "new": _shown(difference, difference.new)}
    if difference.role is not None:
        params["role"] = difference.role
    if difference.kpi is not None:
        params["kpi"] = difference.kpi
    if difference.field:
        params["field"] = TeamPlan._meta.get_field(difference.field).verbose_name
    return params


def describe(difference, *, in_row=False) -> Formatted:
    """One change as a sentence in the language being rendered; ``in_row`` leaves out the role's name."""
    message = IN_ROW.get(difference.kind, MSG[difference.kind]) if in_row else MSG[difference.kind]
    return Formatted(message, **_params(difference))


def bilingual_summary(changes) -> list[dict]:
    """A version's stored summary: the first few changes in both languages, and how many more there are."""
    lines = [bilingual(MSG[d.kind], **_params(d)).as_json() for d in changes[:SUMMARY_LINES]]
    if len(changes) > SUMMARY_LINES:
        lines.append(bilingual(MSG_MORE, n=len(changes) - SUMMARY_LINES).as_json())
    return lines or [bilingual(MSG_NOTHING).as_json()]


def draft_state(draft) -> PlanState:
    """A recommendation (the plan's team at its next phase, say) as a state to set beside saved plans."""
    roles = tuple(RoleState(
        code=role.code, name=role.name, headcount=role.headcount, reports_to=role.reports_to,
        merged_into=role.merged_into, salary=role.band.p50 if role.band else None, monthly_cost=role.cost.monthly,
        kpis=tuple(KPIState(kpi.code, kpi.name, kpi.weight, None) for kpi in role.kpis),
        tier=role.tier, team_leads=role.team_leads,
    ) for role in draft.roles)
    fields = (*((name, getattr(draft.profile, name)) for name in PROFILE_FIELDS), ("placement", draft.placement.code))
    return PlanState(fields=fields, roles=roles, headcount=sum(r.headcount for r in roles),
                     monthly_cost=sum(r.monthly_cost for r in roles))
