"""What the engine says about its decisions, rendered in both languages.

Module constants so tests can assert them; the decision modules only pick which one applies.
"""
from django.utils.translation import gettext_lazy as _

from common.choices import Phase
from common.text import Join, bilingual
from teams.choices import Placement, StaffingAction

from .values import PlacementRuleSpec, Reason

MSG_PRECEDENCE = _("Chosen over other matching rules of lower priority: %(others)s.")
MSG_MERGE_OUTCOME = _("merge into")
MSG_STAFF_OUTCOME = _("staff")
MSG_HEADCOUNT = _("%(count)s of the %(low)s–%(high)s range: a %(tier)s company takes the %(end)s end.")
MSG_LEAD_FALLBACK = _("Every private-domain team needs one lead who owns targets and coordination.")
MSG_DEFAULT_PLACEMENT = _("No placement rule matched; the team starts inside marketing.")
MSG_KPI_REASON = _("Default KPI of %(role)s and suited to the %(phase)s phase (%(family)s).")
MSG_KPI_FALLBACK = _("Default KPI of %(role)s; none of its KPIs is marked for the %(phase)s phase.")
MSG_BUDGET_DROP = _("%(role)s (optional) left out to stay within the headcount budget of %(budget)s.")
MSG_BUDGET_TRIM = _("%(role)s cut to %(count)s to stay within the headcount budget of %(budget)s.")
MSG_BUDGET_MERGE = _("%(role)s merged into %(target)s to stay within the headcount budget of %(budget)s.")
MSG_MERGED_REASON = _("Its duties are carried by %(target)s.")
MSG_PHASE_NOTE = {  # [S0], and [S3] for no penalties while testing
    Phase.LAUNCH: _("Launch phase: measure user and activity metrics and iterate fast; no penalty tier while "
                    "the private-domain business is still being tested."),
    Phase.GROWTH: _("Growth phase: measure results — store-visit, conversion and referral rates."),
    Phase.MATURE: _("Mature phase: measure management efficiency, such as revenue per head."),
}
UPPER, LOWER = _("upper"), _("lower")


def reason(message, source="derived", **params) -> Reason:
    return Reason(bilingual(message, **params), source)


def _outcome(rule, library):
    """What a rule would have decided, for the manager: a placement, or a role staffed or merged."""
    if isinstance(rule, PlacementRuleSpec):
        return Placement(rule.placement).label
    if rule.action == StaffingAction.MERGE:
        return Join(MSG_MERGE_OUTCOME, library.roles[rule.merged_into].name, sep=" ")
    return Join(MSG_STAFF_OUTCOME, f" {rule.headcount_min}–{rule.headcount_max}")


def precedence(beaten, library) -> tuple[Reason, ...]:
    """One reason naming what each beaten rule would have decided (none when nothing was beaten)."""
    if not beaten:
        return ()
    others = Join(*(Join(_outcome(rule, library), f" ({rule.code}, {rule.priority})") for rule in beaten), sep="; ")
    return (reason(MSG_PRECEDENCE, others=others),)
