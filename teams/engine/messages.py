"""What the engine says about its decisions, rendered in both languages.

Module constants so tests can assert them; the decision modules only pick which one applies.
"""
from django.utils.translation import gettext_lazy as _

from common.choices import Phase
from common.text import Join, bilingual
from teams.choices import Placement, StaffingAction

from .values import PlacementRuleSpec, Reason

MSG_PRECEDENCE = _("Chosen over other matching rules of lower priority, which would have decided: %(others)s.")
MSG_MERGE_OUTCOME = _("merge into")
MSG_STAFF_OUTCOME = _("staff")
MSG_HEADCOUNT = _("%(count)s in the %(low)s–%(high)s range: the range is climbed as the company grows from "
                  "200 to 5,000 employees (%(employees)s now).")
MSG_SIZED = _("%(figure)s %(driver)s ÷ %(carries)s per person → %(count)s people.")
MSG_TEAM_CAP = _("A company of %(employees)s people keeps its private-domain team to %(cap)s (at most one in ten "
                 "of its staff); the lead covers the other roles' duties.")
MSG_LEAD_FALLBACK = _("Every private-domain team needs one lead who owns targets and coordination.")
MSG_DEFAULT_PLACEMENT = _("No placement rule matched; the team starts inside user operations, its usual home.")
MSG_KPI_REASON = _("Default KPI of %(role)s and suited to the %(phase)s phase (%(family)s).")
MSG_KPI_FALLBACK = _("Default KPI of %(role)s; none of its KPIs is marked for the %(phase)s phase.")
MSG_BUDGET_TRIM = _("Fewer people to stay within %(budget)s: %(roles)s.")
MSG_BUDGET_MERGE = _("Merged into %(target)s to stay within %(budget)s: %(roles)s.")
MSG_BUDGET_TRIM_REASON = _("Cut to %(count)s to stay within %(budget)s.")
LIMIT_PEOPLE = _("%(n)s people")
LIMIT_MONEY = _("¥%(n)s a month")
MSG_TIER_HEAD = _("%(count)s roles would report straight to the lead, more than %(limit)s can be steered well: "
                  "a head for the %(tier)s leads %(roles)s.")
MSG_CARRIED_KPI = _("Carried over from %(role)s, whose duties this role now covers.")
MSG_COUNT_OF = _("%(role)s to %(count)s")
MSG_MERGED_REASON = _("Its duties are carried by %(target)s.")
MSG_PHASE_NOTE = {  # [S0], and [S3] for no penalties while testing
    Phase.LAUNCH: _("Launch phase: measure user and activity metrics and iterate fast; no penalty tier while "
                    "the private-domain business is still being tested."),
    Phase.GROWTH: _("Growth phase: measure results — store-visit, conversion and referral rates."),
    Phase.MATURE: _("Mature phase: measure management efficiency, such as revenue per head."),
}


def names(items) -> Join:
    """Names joined with the separator of whichever language is being rendered."""
    return Join(*items, sep=_(", "))


def reason(message, source="derived", **params) -> Reason:
    return Reason(bilingual(message, **params), source)


def _outcome(rule, library):
    """What a rule would have decided, for the manager: a placement, or a role staffed or merged."""
    if isinstance(rule, PlacementRuleSpec):
        return Placement(rule.placement).label
    if rule.action == StaffingAction.MERGE:
        return Join(MSG_MERGE_OUTCOME, library.roles[rule.merged_into].name, sep=" ")
    if rule.action == StaffingAction.OMIT:
        return StaffingAction.OMIT.label
    return Join(MSG_STAFF_OUTCOME, f" {rule.headcount_min}–{rule.headcount_max}")


def _decides(rule):
    if isinstance(rule, PlacementRuleSpec):
        return (rule.placement,)
    return (rule.action, rule.merged_into, rule.headcount_min, rule.headcount_max)


def precedence(winner, beaten, library) -> tuple[Reason, ...]:
    """One reason naming what the beaten rules would have decided instead (none when they agreed)."""
    different = list({_decides(rule): rule for rule in reversed(beaten) if _decides(rule) != _decides(winner)}
                     .values())[::-1]  # each other outcome once, in priority order
    if not different:
        return ()
    others = Join(*(_outcome(rule, library) for rule in different), sep=_("; "))
    return (reason(MSG_PRECEDENCE, others=others),)
