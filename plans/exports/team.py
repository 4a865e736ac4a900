"""The presenter the workbooks read: one plan's roles with managers, reports and merges resolved in memory.

Plans come loaded with ``TeamPlan.objects.with_team()``; nothing here queries the database.
"""
from common.choices import Industry, Phase, SizeTier
from common.text import join_names
from teams.choices import Placement

from ..models import TeamPlan
from .labels import choice, label
from .sheets import fit_title


def as_list(plans):
    """One plan or several, as a list."""
    if isinstance(plans, TeamPlan):
        return [plans]
    return list(plans)


class Team:
    """One plan's roles with their managers, reports and merges resolved in memory."""

    def __init__(self, plan):
        self.plan = plan
        self.roles = plan.team
        self.staffed = plan.staffed_roles()
        self.placement = choice(Placement, plan.placement)
        self.many = False

    def manager_name(self, role):
        if role.reports_to is not None:
            return role.reports_to.name
        if role.merged_into is not None:
            return ""
        return label("the_placement", placement=self.placement)

    def reports(self, role):
        return [r for r in self.staffed if r.reports_to_id == role.pk]

    def absorbed(self, role):
        return role.absorbed_roles

    def note(self, role):
        if role.merged_into is not None:
            return label("merged_into", role=role.merged_into.name)
        absorbed = self.absorbed(role)
        return label("takes_over", roles=join_names(r.name for r in absorbed)) if absorbed else ""

    def headline(self):
        plan, c = self.plan, choice
        return " · ".join([plan.company_name, c(Phase, plan.phase), c(SizeTier, plan.size_tier),
                           c(Industry, plan.industry), *plan.workload_display(),
                           label("placement_is", placement=self.placement),
                           label("headcount_is", count=plan.total_headcount)])

    def sheet_title(self, role):
        """The role's name; with several plans in one workbook, prefixed by the (shortened) company name."""
        if not self.many:
            return role.name
        return f"{fit_title(self.plan.company_name, 12)}·{role.name}"


def teams(plans):
    """A presenter per plan, each knowing whether it shares the workbook with others."""
    presenters = [Team(plan) for plan in as_list(plans)]
    for team in presenters:
        team.many = len(presenters) > 1
    return presenters
