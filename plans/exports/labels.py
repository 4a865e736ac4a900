"""Every label the workbooks print, in one table; looked up in the active language (Chinese unless English)."""
from django.utils.translation import gettext_lazy as _

LABELS = {
    "role_specs": _("Role specifications"),
    "kpi_sheets": _("KPI sheets"),
    "kpi_sheet": _("KPI sheet"),
    "overview": _("Overview"),
    "exported": _("Exported on %(date)s"),
    "plans": _("%(count)s plans"),
    "placement": _("Placement"),
    "placement_is": _("Placement: %(placement)s"),
    "employees": _("%(count)s employees"),
    "headcount_is": _("Headcount: %(count)s"),
    "reports_to_is": _("Reports to: %(manager)s"),
    "placement_reasons": _("Why this placement"),
    "notes": _("Notes"),
    "no": _("No."),
    "role": _("Role"),
    "tier": _("Tier"),
    "requirement": _("Requirement"),
    "headcount": _("Headcount"),
    "team_leads": _("Team leads"),
    "reports_to": _("Reports to"),
    "note": _("Note"),
    "source": _("Source"),
    "source_tags": _("Source tags"),
    "total": _("Total"),
    "team_cost": _("Team cost"),
    "on_cost_rules": _("Social insurance and housing fund"),
    "cost_explained": _("Change a salary in the yellow cells and every total follows. On-costs: each item's rate "
                        "on the salary held within its contribution base (sheet 2), rounded to whole yuan; a year "
                        "pays the salary for the months shown and the on-costs for 12."),
    "monthly_salary": _("Monthly salary"),
    "months_per_year": _("Months paid a year"),
    "on_costs_per_person": _("On-costs per person"),
    "on_cost_rate": _("On-cost rate"),
    "monthly_cost": _("Monthly cost"),
    "annual_cost": _("Annual cost"),
    "monthly_budget": _("Monthly budget"),
    "under_budget": _("Under budget (negative: over)"),
    "item": _("Item"),
    "rate": _("Rate (%)"),
    "base_floor": _("Base from"),
    "base_ceiling": _("Base to"),
    "valid_from": _("Valid from"),
    "total_headcount": _("Total headcount"),
    "merged_into": _("Merged into %(role)s (no own headcount)"),
    "takes_over": _("Also covers: %(roles)s"),
    "the_placement": _("%(placement)s (placement)"),
    "basics": _("Basics"),
    "code": _("Code"),
    "summary": _("Summary"),
    "reporting_line": _("Reporting line"),
    "direct_reports": _("Direct reports"),
    "absorbed": _("Duties taken over from"),
    "none": _("none"),
    "duties": _("Duties"),
    "duty": _("Duty"),
    "from_role": _("Taken over from"),
    "capabilities": _("Capabilities"),
    "capability": _("Capability"),
    "kpis": _("KPIs"),
    "why_role": _("Why this role"),
    "kpi": _("KPI"),
    "definition": _("Definition"),
    "formula": _("Formula"),
    "formula_is": _("Formula: %(formula)s"),
    "unit": _("Unit"),
    "frequency": _("Frequency"),
    "direction": _("Direction"),
    "weight": _("Weight (%)"),
    "target": _("Target"),
    "met": _("Met from (percent of target)"),
    "exceeded": _("Exceeded from (percent of target)"),
    "actual": _("Actual"),
    "attainment": _("Attainment"),
    "score": _("Score"),
    "result": _("Result"),
    "tier_not_met": _("Not met"),
    "tier_met": _("Met"),
    "tier_exceeded": _("Exceeded"),
    "weighted_total": _("Weighted total"),
    "no_kpis": _("No KPIs on this role."),
    "scoring": _(
        "Scoring: attainment = actual ÷ target (target ÷ actual when lower is better). From the "
        "exceeded threshold: 120 (Exceeded); from the met threshold: 100 (Met); below it: 0 (Not "
        "met). Weighted total = Σ weight × score ÷ 100. Fill in the yellow cells."
    ),
    "no_penalty": _(
        "Launch phase (test phase): no penalty tier applies. Scores are for review and for "
        "adjusting the playbook, not for pay deductions."
    ),
    "actual_error_title": _("Not a number"),
    "actual_error": _("Enter the actual value as a number, in the KPI's unit."),
    "actual_nonneg_error": _("Enter a number of 0 or more, in the KPI's unit."),
    "target_error": _("Enter the target as a number of 0 or more."),
    "threshold_error": _("Enter a whole percentage between 1 and 1000."),
    "input_title": _("Input"),
    "page": _("Page &P of &N"),
    "sheet": _("Sheet"),
    "creator": _("Siyu Team Designer"),
}


def label(key, **params):
    """A label in the active language."""
    text = str(LABELS[key])
    return text % params if params else text


def choice(cls, value):
    """A choice's label in the active language; an unknown code is shown as it is."""
    return str(cls(value).label) if value in cls.values else value or ""
