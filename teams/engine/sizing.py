"""How many people each staffed role needs: the workload it serves ÷ what one person carries.

A sizing rule names the driver (users, communities, stores, SKUs, business lines), the range one person
carries, and the headcount's floor and ceiling. Launch teams run lean (each person carries the top of
the range), growth takes the middle, mature teams serve more finely (the bottom of the range). Without a
sizing rule or with the driver unknown, the staffing rule's range is used, scaled smoothly by company
size, so one more employee never doubles the team.
"""
import math
from dataclasses import replace

from common.choices import Phase
from teams.choices import Driver

from . import messages as msg
from .values import Reason, RoleDraft

SCALE_FROM, SCALE_TO = 200, 5000  # employees: a staffing range is climbed from its low end to its high end [derived]


def per_person(rule, phase) -> int:
    """What one person carries in this phase: lean at launch, the middle in growth, finer when mature."""
    low, high = rule.per_person_low, rule.per_person_high
    return {Phase.LAUNCH: high, Phase.GROWTH: (low + high) // 2}.get(phase, low)


def range_headcount(low, high, employees) -> int:
    """A point in a staffing rule's range that grows with the company's size on a log scale, with no steps."""
    if high <= low or employees <= SCALE_FROM:
        return low
    share = min(1.0, math.log(employees / SCALE_FROM) / math.log(SCALE_TO / SCALE_FROM))
    return low + round((high - low) * share)


def size_roles(roles: list[RoleDraft], profile, library) -> list[RoleDraft]:
    """Each staffed role sized by the heaviest of its workloads (users or groups for user ops, …)."""
    rules = {}
    for rule in library.sizing_rules:
        if not rule.phases or profile.phase in rule.phases:
            rules.setdefault(rule.role, []).append(rule)
    return [_sized(role, rules.get(role.code, ()), profile) if role.staffed else role for role in roles]


def _sized(role, rules, profile) -> RoleDraft:
    options = [(_headcount(rule, profile), rule) for rule in rules if getattr(profile, rule.driver) is not None]
    if not options:
        return role
    headcount, rule = max(options, key=lambda option: (option[0], option[1].code))
    figure, carries = getattr(profile, rule.driver), per_person(rule, profile.phase)
    sizing = msg.reason(msg.MSG_SIZED, rule.source, figure=f"{figure:,}", driver=Driver(rule.driver).label,
                        carries=f"{carries:,}", count=headcount)
    leads = math.ceil(headcount / rule.span_of_control) if headcount > rule.span_of_control else 0
    return replace(role, headcount=headcount, headcount_min=min(role.headcount_min, headcount),
                   reasons=(*role.reasons, Reason(rule.rationale, rule.source)), sizing=sizing, team_leads=leads)


def _headcount(rule, profile) -> int:
    figure = getattr(profile, rule.driver)
    return max(rule.headcount_min, min(rule.headcount_max, math.ceil(figure / per_person(rule, profile.phase))))
