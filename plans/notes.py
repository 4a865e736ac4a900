"""A plan's notes and headcount reasons, kept true to the plan as it is after a person edits it.

The engine's notes say why the recommended team looks as it does ("merged into the lead to stay within
12 people"). Once the owner edits the plan, they are rebuilt from the saved roles: the phase note, one
note per role that carries other roles' duties, and a warning when the team is over a budget.
"""
from django.utils.translation import gettext_lazy as _

from common.text import Text, bilingual
from teams.engine import Cost
from teams.engine.messages import MSG_PHASE_NOTE, names

MSG_CARRIES = _("%(target)s also covers the duties of: %(roles)s.")
MSG_OVER_HEADCOUNT = _("%(total)s people: %(over)s over the headcount budget of %(budget)s.")
MSG_OVER_MONEY = _("¥%(cost)s a month: ¥%(over)s over the budget of ¥%(budget)s.")
MSG_SET_BY_HAND = _("Set to %(count)s by hand (the recommendation was %(recommended)s).")
HEADCOUNT = "headcount"


def current_notes(plan, roles) -> list[dict]:
    """The notes for ``plan`` with these (freshly read) ``roles``."""
    notes = [bilingual(MSG_PHASE_NOTE[plan.phase]).as_json()]
    by_pk = {role.pk: role for role in roles}
    carried = {}
    for role in roles:
        if role.merged_into_id in by_pk:
            carried.setdefault(role.merged_into_id, []).append(role)
    for target, merged in carried.items():
        notes.append(bilingual(MSG_CARRIES, target=Text.of(by_pk[target], "name"),
                               roles=names(Text.of(role, "name") for role in merged)).as_json())
    notes.extend(_over_budget(plan, roles))
    return notes


def _over_budget(plan, roles):
    total = sum(role.headcount for role in roles)
    if plan.headcount_budget is not None and total > plan.headcount_budget:
        yield bilingual(MSG_OVER_HEADCOUNT, total=total, over=total - plan.headcount_budget,
                        budget=plan.headcount_budget).as_json()
    for role in roles:
        role.plan = plan  # costs read the plan's frozen on-cost rules, not another query
    cost = sum((role.cost for role in roles), Cost()).monthly
    if plan.monthly_budget is not None and cost > plan.monthly_budget:
        yield bilingual(MSG_OVER_MONEY, cost=f"{cost:,}", over=f"{cost - plan.monthly_budget:,}",
                        budget=f"{plan.monthly_budget:,}").as_json()


def with_hand_set_headcount(reasons, *, old, new) -> list[dict]:
    """A role's reasons after its owner changed its headcount from ``old`` to ``new``: the engine's reason for
    the old number gives way to one that says who set it (the first hand edit keeps the original figure)."""
    if old == new:
        return reasons
    recommended = next((r.get("recommended", old) for r in reasons if r.get("kind") == HEADCOUNT), old)
    kept = [r for r in reasons if r.get("kind") != HEADCOUNT]
    note = bilingual(MSG_SET_BY_HAND, count=new, recommended=recommended).as_json(
        source="derived", kind=HEADCOUNT, recommended=recommended)
    return [*kept, note]


