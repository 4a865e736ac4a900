"""Shrinking a team to the headcount budget."""
from dataclasses import replace

from teams.choices import Requirement

from . import messages as msg
from .rules import LEAD
from .staffing import nearest_staffed

REQUIREMENT_RANK = {Requirement.OPTIONAL: 0, Requirement.RECOMMENDED: 1, Requirement.REQUIRED: 2}


def fit_budget(roles, budget, library, notes):
    """Shrink the team to the budget: optional roles go first, then extra people, then whole roles are
    merged into the role they report to (recommended before required, the last in library order first).
    The lead always stays. Notes say what changed, once per role."""
    original = {r.code: r for r in roles}

    def total():
        return sum(r.headcount for r in roles)

    for role in sorted(roles, key=lambda r: -r.order):
        if total() > budget and role.staffed and role.code != LEAD and role.requirement == Requirement.OPTIONAL:
            roles = [r for r in roles if r.code != role.code]
    for floor_of in (lambda r: max(r.headcount_min, 1), lambda r: 1):
        for role in sorted(roles, key=lambda r: (r.code == LEAD, -r.headcount)):
            excess = min(role.headcount - floor_of(role), total() - budget)
            if role.staffed and excess > 0:
                roles = _replace(roles, role.code, headcount=role.headcount - excess)
    for role in sorted(roles, key=lambda r: (REQUIREMENT_RANK[r.requirement], -r.order)):
        if total() > budget and role.staffed and role.code != LEAD:
            target = nearest_staffed(role.code, roles, library)
            roles = _replace(roles, role.code, headcount=0, merged_into=target, reasons=(*role.reasons, msg.reason(
                msg.MSG_BUDGET_MERGE, role=role.name, target=library.roles[target].name, budget=budget)))
    notes.extend(_budget_notes(original, {r.code: r for r in roles}, budget, library))
    return roles


def _budget_notes(before, after, budget, library):
    for code, old in before.items():
        new = after.get(code)
        if new is None:
            yield msg.reason(msg.MSG_BUDGET_DROP, role=old.name, budget=budget).text
        elif old.staffed and not new.staffed:
            yield msg.reason(msg.MSG_BUDGET_MERGE, role=old.name, target=library.roles[new.merged_into].name,
                             budget=budget).text
        elif new.headcount < old.headcount:
            yield msg.reason(msg.MSG_BUDGET_TRIM, role=old.name, count=new.headcount, budget=budget).text


def _replace(roles, code, **changes):
    return [replace(r, **changes) if r.code == code else r for r in roles]
