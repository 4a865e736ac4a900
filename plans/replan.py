"""Re-planning without silently losing the owner's work.

Before a re-plan replaces the team, the owner's manual edits are found by comparing the plan with what
the engine recommends for its saved profile: headcounts, removed and added roles, reporting lines, KPI
weights and targets. The review lists them, says which still apply to the new team, and the owner keeps
the ones they tick; the kept ones are applied to the new team in the same transaction.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from common.text import Formatted
from teams.engine import LEAD, TeamDraft

from .models import PlanKPI

MSG_HEADCOUNT = _("%(role)s: %(count)s people (recommended %(recommended)s)")
MSG_REMOVED = _("%(role)s removed from the team")
MSG_ADDED = _("%(role)s added by hand")
MSG_REPORTS_TO = _("%(role)s reports to %(manager)s")
MSG_KPIS = _("%(role)s: KPI weights or targets changed")


@dataclass(frozen=True)
class Edit:
    key: str  # the checkbox value: kind:role code
    kind: str
    role: str
    text: Formatted
    value: object = None
    kpis: dict = field(default_factory=dict)


def manual_edits(plan, baseline: TeamDraft) -> list[Edit]:
    """What the owner changed in ``plan`` compared with ``baseline``, the recommendation for its saved profile."""
    roles = {role.code: role for role in plan.team}
    staffed = {code: role for code, role in roles.items() if role.staffed}
    recommended = {role.code: role for role in baseline.roles if role.staffed}
    edits = []
    for code, role in staffed.items():
        base = recommended.get(code)
        if base is None:
            edits.append(Edit(f"added:{code}", "added", code, Formatted(MSG_ADDED, role=role.name), role.headcount))
            continue
        if role.headcount != base.headcount:
            edits.append(Edit(f"headcount:{code}", "headcount", code, Formatted(
                MSG_HEADCOUNT, role=role.name, count=role.headcount, recommended=base.headcount), role.headcount))
        manager = role.reports_to.code if role.reports_to else None
        if manager != base.reports_to:
            edits.append(Edit(f"reports_to:{code}", "reports_to", code, Formatted(
                MSG_REPORTS_TO, role=role.name, manager=role.reports_to.name if role.reports_to else "—"), manager))
        edits.extend(_kpi_edit(role, base))
    edits += [Edit(f"removed:{code}", "removed", code, Formatted(MSG_REMOVED, role=base.name))
              for code, base in recommended.items() if code not in roles and code != LEAD]
    return edits


def _kpi_edit(role, base):
    picks = {kpi.code: kpi.weight for kpi in base.kpis}
    values = {kpi.code: {name: getattr(kpi, name) for name in PlanKPI.EDITABLE} for kpi in role.kpis.all()}
    changed = any(kpi.target is not None or picks.get(kpi.code) != kpi.weight for kpi in role.kpis.all())
    if changed:
        yield Edit(f"kpis:{role.code}", "kpis", role.code, Formatted(MSG_KPIS, role=role.name), kpis=values)


def still_applies(edit: Edit, draft: TeamDraft) -> bool:
    """Whether the edit can be carried onto the new team."""
    new = draft.role(edit.role)
    if edit.kind == "added":
        return new is None or not new.staffed
    if edit.kind == "removed":
        return new is not None and new.staffed
    if new is None or not new.staffed:
        return False
    if edit.kind == "reports_to":
        manager = draft.role(edit.value) if edit.value else None
        return manager is not None and manager.staffed
    return True
