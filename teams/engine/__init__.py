"""The recommendation engine: a company profile in, a team draft out.

Pure functions over frozen dataclasses. The library is data loaded by ``teams.selectors.load_library``
(or built in memory by a test); nothing here touches the database, so behaviour changes by editing
rules in the admin, and the engine's tests need no database.

Every decision carries a reason (bilingual text plus a source tag), because a manager has to defend
the plan to the board and HR has to explain it to candidates.
"""
from dataclasses import replace

from common.choices import Phase
from common.text import bilingual

from .budget import fit_budget, monthly_cost, team_budget
from .cost import Cost, current_rules, role_cost, with_cost
from .kpis import choose_kpis, normalise_weights, with_kpis
from .messages import MSG_PHASE_NOTE
from .profile import COMPANY_NAME_MAX, ENGINE_FIELDS, LIMITS, PROFILE_FIELDS, WORKLOAD_FIELDS, CompanyProfile
from .rules import CAMPAIGN, LEAD, size_tier_for
from .sizing import size_roles
from .staffing import choose_placement, decide_roles, link, staffed_ancestor
from .structure import add_tier_heads
from .values import (
    HEADCOUNT,
    Conditions,
    KPIPick,
    KPISpec,
    Library,
    OnCostSpec,
    PlacementDraft,
    PlacementRuleSpec,
    Reason,
    RoleDraft,
    RoleSpec,
    SalaryBandSpec,
    SizingRuleSpec,
    StaffingRuleSpec,
    TeamDraft,
)

__all__ = [
    "CAMPAIGN", "COMPANY_NAME_MAX", "ENGINE_FIELDS", "LEAD", "LIMITS", "PROFILE_FIELDS", "WORKLOAD_FIELDS",
    "CompanyProfile", "Conditions", "Cost", "KPIPick", "KPISpec", "Library", "OnCostSpec", "PlacementDraft",
    "PlacementRuleSpec", "Reason", "RoleDraft", "RoleSpec", "SalaryBandSpec", "SizingRuleSpec", "StaffingRuleSpec",
    "TeamDraft", "choose_kpis", "growth_path", "normalise_weights", "recommend_team", "role_cost", "size_tier_for",
    "staffed_ancestor",
]


def recommend_team(*, profile: CompanyProfile, library: Library) -> TeamDraft:
    size_tier = size_tier_for(profile.employees, library.size_thresholds)
    roles = size_roles(decide_roles(profile, size_tier, library), profile, library)
    notes = [bilingual(MSG_PHASE_NOTE[profile.phase])]
    roles = _with_tier_heads(link(fit_budget(roles, profile, library, notes), library), profile, library)
    roles = [_with_sizing(with_cost(with_kpis(role, library, profile.phase), profile.city_tier, library))
             for role in roles]
    return TeamDraft(
        profile=profile,
        size_tier=size_tier,
        placement=choose_placement(profile, size_tier, library),
        roles=tuple(roles),
        notes=tuple(notes),
        on_costs=tuple(current_rules(library.on_cost_rules, profile.city_tier)),
    )


def _with_tier_heads(roles, profile, library):
    """The middle layer, only where it fits both the headcount and the money budget."""
    layered = add_tier_heads(roles, library, room=team_budget(profile) - sum(r.headcount for r in roles))
    over = profile.monthly_budget is not None and monthly_cost(layered, profile, library) > profile.monthly_budget
    return roles if over else layered


def _with_sizing(role: RoleDraft) -> RoleDraft:
    """The reason for the headcount goes last, after why the role is there."""
    if not role.sizing:
        return role
    return replace(role, reasons=(*role.reasons, replace(role.sizing, kind=HEADCOUNT)), sizing=None)


def growth_path(*, profile: CompanyProfile, library: Library, headcounts: dict[str, int]):
    """How the team grows through the later phases, starting from the plan's own ``headcounts`` (role → people):
    per phase, the recommended team and the roles and people it adds."""
    order = list(Phase.values)
    steps, before = [], headcounts
    for phase in order[order.index(profile.phase) + 1:]:
        unlimited = replace(profile, phase=phase, headcount_budget=None, monthly_budget=None)
        draft = recommend_team(profile=unlimited, library=library)
        added = [(r, r.headcount - before.get(r.code, 0)) for r in draft.roles if r.headcount > before.get(r.code, 0)]
        steps.append((phase, draft, added))
        before = {r.code: r.headcount for r in draft.roles}
    return steps
