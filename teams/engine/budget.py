"""Shrinking a team to what the company can carry: its headcount budget, its money budget, and one person in
ten of its staff.

Nothing is dropped without a trace: optional roles are merged first, then extra people go, then whole roles
are merged (recommended before required, then the lower rule priority, the last in library order first),
each into the role the library names for it (merch into copy or planning, data and user ops into the lead
[S2]) or else the nearest role up its reporting line. The lead always stays. One note per kind of change,
naming every role it touched.
"""
from dataclasses import replace

from common.text import Formatted
from teams.choices import Requirement

from . import messages as msg
from .cost import with_cost
from .rules import LEAD
from .staffing import nearest_staffed

REQUIREMENT_RANK = {Requirement.OPTIONAL: 0, Requirement.RECOMMENDED: 1, Requirement.REQUIRED: 2}
TEAM_SHARE = 10  # at most one person in this many of the company's staff works in the team [derived]


def team_cap(employees: int) -> int:
    return max(1, employees // TEAM_SHARE)


def team_budget(profile) -> int:
    """The tighter of the headcount budget and one person in ten of the company's staff."""
    cap = team_cap(profile.employees)
    return min(cap, profile.headcount_budget or cap)


def monthly_cost(roles, profile, library) -> int:
    return sum(with_cost(role, profile.city_tier, library).cost.monthly for role in roles)


def fit_budget(roles, profile, library, notes):
    """The team within ``team_budget`` people, then within the money budget; notes appended to ``notes``."""
    cap, budget = team_cap(profile.employees), team_budget(profile)
    if sum(r.headcount for r in roles) > budget:
        if budget == cap and cap < (profile.headcount_budget or cap + 1):
            notes.append(msg.reason(msg.MSG_TEAM_CAP, employees=f"{profile.employees:,}", cap=cap).text)
        roles = _shrink(roles, library, notes, lambda rs: sum(r.headcount for r in rs) > budget,
                        Formatted(msg.LIMIT_PEOPLE, n=budget))
    money = profile.monthly_budget
    if money is not None and monthly_cost(roles, profile, library) > money:
        roles = _shrink(roles, library, notes, lambda rs: monthly_cost(rs, profile, library) > money,
                        Formatted(msg.LIMIT_MONEY, n=f"{money:,}"))
    return roles


def _shrink(roles, library, notes, over, limit):
    original = {r.code: r for r in roles}
    roles = _merge_while_over(roles, library, over, lambda r: r.requirement == Requirement.OPTIONAL)
    roles = _trim(roles, over, limit)
    roles = _merge_while_over(roles, library, over, lambda r: True)
    notes.extend(_notes(original, {r.code: r for r in roles}, limit, library))
    return roles


def _merge_while_over(roles, library, over, eligible):
    for role in sorted(roles, key=lambda r: (REQUIREMENT_RANK[r.requirement], r.priority, -r.order)):
        if over(roles) and role.staffed and role.code != LEAD and eligible(role):
            target = merge_target_for(role.code, roles, library)
            roles = _replace(roles, role.code, headcount=0, merged_into=target, sizing=None, team_leads=0)
    return roles


def merge_target_for(code, roles, library):
    """The role the library names to take over ``code``'s duties when it is cut, if staffed; else its manager."""
    named = library.roles[code].budget_merge_into
    staffed = {r.code for r in roles if r.staffed and r.code != code}
    return named if named in staffed else nearest_staffed(code, roles, library)


def _trim(roles, over, limit):
    """One person at a time from the largest roles (the lead last), first down to each rule's floor, then to 1."""
    for floor_of in (lambda r: max(r.headcount_min, 1), lambda r: 1):
        for code in [r.code for r in sorted(roles, key=lambda r: (r.code == LEAD, -r.headcount))]:
            while over(roles) and (role := _get(roles, code)).staffed and role.headcount > floor_of(role):
                count = role.headcount - 1
                roles = _replace(roles, code, headcount=count, team_leads=0, sizing=msg.reason(
                    msg.MSG_BUDGET_TRIM_REASON, count=count, budget=limit))
    return roles


def _notes(before, after, limit, library):
    merged, trimmed = {}, []
    for code, old in before.items():
        new = after[code]
        if old.staffed and not new.staffed:
            merged.setdefault(_carrier(new, after), []).append(old.name)
        elif new.headcount < old.headcount:
            trimmed.append(msg.reason(msg.MSG_COUNT_OF, role=old.name, count=new.headcount).text)
    for target, names in merged.items():
        yield msg.reason(msg.MSG_BUDGET_MERGE, target=library.roles[target].name, budget=limit,
                         roles=msg.names(names)).text
    if trimmed:
        yield msg.reason(msg.MSG_BUDGET_TRIM, budget=limit, roles=msg.names(trimmed)).text


def _carrier(role, after):
    """The staffed role that ends up with a merged role's duties (a merge target may itself be merged later)."""
    while not role.staffed and role.merged_into in after and role.merged_into != role.code:
        role = after[role.merged_into]
    return role.code if role.staffed else LEAD


def _get(roles, code):
    return next(r for r in roles if r.code == code)


def _replace(roles, code, **changes):
    return [replace(r, **changes) if r.code == code else r for r in roles]
