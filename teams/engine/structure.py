"""Structure for big teams: no box in the chart with more than eight roles reporting to it.

When more than ``MAX_REPORTS`` roles report straight to the lead, a head for each tier (前台 front, 中台
middle, 后台 back office [S4]) with at least two of those roles is added between them and the lead, as
far as the team's budget allows. The heads are library roles (``leads_tier``), with their own duties and
KPIs, so an admin edits them like any other role.
"""
from dataclasses import replace

from teams.choices import Requirement, Tier

from . import messages as msg
from .rules import LEAD
from .values import RoleDraft

MAX_REPORTS = 8  # a manager steers at most this many direct reports well [derived]


def add_tier_heads(roles: list[RoleDraft], library, room: int) -> list[RoleDraft]:
    """``room``: how many more people the budget allows; a layer that does not fit is not added."""
    direct = [r for r in roles if r.staffed and r.reports_to == LEAD]
    if len(direct) <= MAX_REPORTS:
        return roles
    present = {r.code for r in roles}
    heads = {spec.leads_tier: spec for spec in library.roles.values()
             if spec.leads_tier and spec.active and spec.code not in present}
    groups = {tier: [r.code for r in direct if r.tier == tier] for tier in Tier.values}
    chosen = [tier for tier in Tier.values if tier in heads and len(groups[tier]) >= 2][:max(room, 0)]
    under = {code: heads[tier].code for tier in chosen for code in groups[tier]}
    added = [_head(heads[tier], groups[tier], len(direct), library) for tier in chosen]
    relinked = [_relink(r, under) for r in roles]
    return sorted(relinked + added, key=lambda d: (d.order, d.code))


def _relink(role, under):
    return replace(role, reports_to=under[role.code]) if role.code in under else role


def _head(spec, members, direct, library) -> RoleDraft:
    names = msg.names(library.roles[code].name for code in members)
    reason = msg.reason(msg.MSG_TIER_HEAD, count=direct, limit=MAX_REPORTS, tier=Tier(spec.leads_tier).label,
                        roles=names)
    return RoleDraft(spec.code, spec.name, spec.tier, spec.order, Requirement.RECOMMENDED, 1, 1, (reason,),
                     reports_to=LEAD, priority=0)
