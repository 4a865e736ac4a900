"""The org chart: a tree of roles under the unit the team sits in, as nested lists and as SVG.

Both renderings read the same tree, built from the roles already loaded with the plan, so a chart
costs no query per role. The SVG (also drawn as the PNG and inside the PDF) carries its own heading
and legend, so the file makes sense on its own.
"""
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.charts import build_tree
from teams.choices import Placement, Tier

from .layout import Chart, Heading, lay_out, stack_reports
from .svg import escape, render_svg

__all__ = ["Chart", "Heading", "escape", "headcount_subtitle", "lay_out", "page_tree", "plan_chart", "plan_tree",
           "render_svg", "unit_subtitle"]


def unit_subtitle(placement):
    if placement == Placement.FIRST_LEVEL:
        return _("Reports to the CEO")
    return _("Private-domain team inside this unit")


def headcount_subtitle(headcount, tier, team_leads=0):
    """How many people and which tier, and how many of them lead a group: "12 × Front office · 2 leads"."""
    subtitle = _("%(count)s × %(tier)s") % {"count": headcount, "tier": Tier(tier).label if tier else ""}
    if team_leads:
        subtitle += _(" · %(leads)s leads") % {"leads": team_leads}
    return subtitle


def plan_tree(plan):
    items = [
        (role.pk, role.reports_to_id, role.name, headcount_subtitle(role.headcount, role.tier, role.team_leads),
         role.tier, [other.name for other in role.absorbed_roles])
        for role in plan.staffed_roles()
    ]
    return build_tree(items, root_title=plan.get_placement_display(), root_subtitle=unit_subtitle(plan.placement))


def page_tree(plan):
    """The tree the chart page draws: a big team's childless reports stacked in columns, as in the SVG."""
    return stack_reports(plan_tree(plan))


def plan_heading(plan, approval="") -> Heading:
    """Company and title, then phase · unit · total headcount · the day it was drawn."""
    title = _("%(company)s · Org chart") % {"company": plan.company_name}
    details = _("%(phase)s · %(unit)s · %(total)s people in all · %(date)s") % {
        "phase": plan.get_phase_display(), "unit": plan.get_placement_display(),
        "total": plan.total_headcount, "date": f"{timezone.localdate():%Y-%m-%d}"}
    return Heading(title, details, approval or "")


def plan_chart(plan, approval="") -> Chart:
    """The plan's chart laid out in the active language, ready for ``render_svg``; ``approval`` is the approved
    plan's stamp, printed under the heading."""
    return lay_out(plan_tree(plan), plan_heading(plan, approval))
