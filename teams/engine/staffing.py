"""Which roles the team has, how many people each, and who reports to whom."""
from dataclasses import replace

from common.graph import walk_up
from teams.choices import Placement, Requirement, StaffingAction

from . import messages as msg
from .rules import LEAD, matching
from .sizing import range_headcount
from .values import PlacementDraft, Reason, RoleDraft


def choose_placement(profile, size_tier, library) -> PlacementDraft:
    found = matching(library.placement_rules, profile, size_tier)
    if not found:
        return PlacementDraft(Placement.USER_OPS, (msg.reason(msg.MSG_DEFAULT_PLACEMENT, "S2"),))
    winner, beaten = found[0], found[1:]
    return PlacementDraft(winner.placement, (Reason(winner.rationale, winner.source),
                                             *msg.precedence(winner, beaten, library)))


def decide_roles(profile, size_tier, library) -> list[RoleDraft]:
    groups = {}
    for rule in matching(library.staffing_rules, profile, size_tier):
        groups.setdefault(rule.role, []).append(rule)
    drafts = [_draft(library.roles[code], winner, beaten, profile, library)
              for code, (winner, *beaten) in groups.items() if winner.action != StaffingAction.OMIT]
    if LEAD not in groups or groups[LEAD][0].action != StaffingAction.STAFF:
        drafts = [d for d in drafts if d.code != LEAD]
        lead = library.roles[LEAD]
        drafts.append(RoleDraft(LEAD, lead.name, lead.tier, lead.order, Requirement.REQUIRED, 1, 1,
                                (msg.reason(msg.MSG_LEAD_FALLBACK, "S0"),)))
    return sorted(drafts, key=lambda d: (d.order, d.code))


def _draft(spec, winner, beaten, profile, library) -> RoleDraft:
    """The winning rule's decision for one role, with its reason and what it beat."""
    reasons = (Reason(winner.rationale, winner.source), *msg.precedence(winner, beaten, library))
    if winner.action == StaffingAction.MERGE:
        return RoleDraft(spec.code, spec.name, spec.tier, spec.order, winner.requirement, 0, 0,
                         reasons, merged_into=winner.merged_into, priority=winner.priority)
    low, high = winner.headcount_min, winner.headcount_max
    headcount = range_headcount(low, high, profile.employees)
    sizing = None
    if low != high:
        sizing = msg.reason(msg.MSG_HEADCOUNT, winner.source, count=headcount, low=low, high=high,
                            employees=f"{profile.employees:,}")
    return RoleDraft(spec.code, spec.name, spec.tier, spec.order, winner.requirement, headcount, low,
                     reasons, sizing=sizing, priority=winner.priority)


def staffed_ancestor(code, staffed, library):
    """The nearest role up ``code``'s default reporting line whose code is in ``staffed``, else the lead."""
    def parent_of(key):
        role = library.roles.get(key)
        return role.default_parent if role else None

    return next((parent for parent in walk_up(code, parent_of) if parent in staffed), LEAD)


def nearest_staffed(code, roles, library):
    return staffed_ancestor(code, {r.code for r in roles if r.staffed and r.code != code}, library)


def link(roles, library):
    """Resolve merge chains to a staffed role and set every staffed role's reporting line."""
    by_code = {r.code: r for r in roles}
    linked = []
    for role in roles:
        if role.staffed:
            reports_to = None if role.code == LEAD else nearest_staffed(role.code, roles, library)
            absorbs = tuple(r.code for r in roles if r.merged_into and merge_target(r, by_code) == role.code)
            linked.append(replace(role, reports_to=reports_to, absorbs=absorbs))
        else:
            target = merge_target(role, by_code)
            linked.append(replace(role, merged_into=target, reports_to=None, reasons=(
                *role.reasons, msg.reason(msg.MSG_MERGED_REASON, target=library.roles[target].name))))
    return linked


def merge_target(role, by_code):
    """Follow merged_into until a staffed role; a target missing from the plan hands over to the lead."""
    def merged_into(code):
        draft = by_code.get(code)
        return draft.merged_into if draft is not None and not draft.staffed else None

    for target in walk_up(role.code, merged_into):
        if target == role.code:
            return LEAD  # the merge chain loops back to the role
        if target in by_code and by_code[target].staffed:
            return target
    return LEAD
