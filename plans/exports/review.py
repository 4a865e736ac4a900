"""The KPI review sheet (考核表) as staff and their manager fill it in: read by the workbook and the PDF.

A sheet names the employee, the position, the period and the evaluator; lists the role's KPIs with their
scoring band; leaves room for the self and manager scores and comments; and ends with signature and date lines.
In the launch phase it says that no deduction tier applies (``plan.penalties_apply`` is False).
"""
from dataclasses import dataclass

from kpis.choices import Direction, Unit

from .labels import choice, label
from .team import Team

REVIEW_FIELDS = ("employee_name", "position", "period", "evaluator")
SIGNATURES = ("employee_signature", "evaluator_signature")


@dataclass(frozen=True)
class ReviewKPI:
    name: str
    definition: str
    unit: str
    weight: int
    target: object
    threshold: int
    met: int
    exceeded: int
    lower: bool


@dataclass(frozen=True)
class ReviewSheet:
    """One staffed role's review sheet."""

    position: str
    tier: str
    subtitle: str
    kpis: tuple[ReviewKPI, ...]
    weight_total: int
    gmv_tree: bool


def review_kpi(kpi) -> ReviewKPI:
    return ReviewKPI(name=kpi.name, definition=kpi.definition, unit=choice(Unit, kpi.unit), weight=kpi.weight,
                     target=kpi.target, threshold=kpi.threshold, met=kpi.met_threshold,
                     exceeded=kpi.exceeded_threshold, lower=kpi.direction == Direction.LOWER)


def review_sheets(plan) -> list[ReviewSheet]:
    """A sheet per staffed role of a plan loaded with ``TeamPlan.objects.with_team()``."""
    team = Team(plan)
    sheets = []
    for role in team.staffed:
        kpis = tuple(review_kpi(kpi) for kpi in role.kpis.all())
        subtitle = " · ".join([plan.company_name, plan.get_phase_display(),
                               label("reports_to_is", manager=team.manager_name(role))])
        sheets.append(ReviewSheet(position=role.name, tier=role.tier, subtitle=subtitle, kpis=kpis,
                                  weight_total=sum(k.weight for k in kpis), gmv_tree=role.has_gmv_tree))
    return sheets


REVIEW_LABELS = (*REVIEW_FIELDS, "kpi_sheet", "kpi", "definition", "unit", "weight", "target", "band", "actual",
                 "self_score", "manager_score", "comment", "weighted_total", "no_kpis")


def review_context(plan) -> dict:
    """What the printed review sheets show: a sheet per role, the headings, the note and the signature lines."""
    return {"sheets": review_sheets(plan), "labels": {key: label(key) for key in REVIEW_LABELS},
            "note": scoring_note(plan), "signatures": [label(key) for key in SIGNATURES]}


def scoring_note(plan) -> str:
    """How a score is worked out, and in the launch phase that no deduction tier applies."""
    note = label("scoring")
    return note if plan.penalties_apply else f"{note} {label('no_penalty')}"
