"""Plans side by side: two or three saved plans, two or three versions of one plan, or a plan and the team the
engine recommends for it at the next phase.

``compare_states`` is pure: it lines the roles of every column up by code, with each column's headcount and
monthly cost, the deltas against the first column (the baseline) and, per role, what else changed (reporting
line, merge, salary, KPIs added, removed or re-weighted). ``load_columns`` reads what the query asks for,
limited to plans the user may read.
"""
from dataclasses import dataclass

from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from common.choices import Phase
from common.text import Formatted, Text
from teams.choices import Placement
from teams.engine import growth_path
from teams.selectors import load_library

from .diff import PlanState, describe, diff_states, draft_state, plan_state
from .models import TeamPlan
from .snapshots import read_snapshot
from .versions import PlanVersion, state_of

MAX_COLUMNS = 3
ERR_IDS = _("ids: give two or three plan ids separated by commas, e.g. ?ids=12,15.")
ERR_UNKNOWN = _("ids: plan %(id)s does not exist or is not yours to read.")
ERR_VERSIONS = _("versions: give two or three version numbers of plan %(id)s separated by commas, e.g. ?versions=1,4.")
ERR_VERSION = _("versions: plan %(id)s has no version %(number)s.")
ERR_LAST_PHASE = _("next: the plan is already at the last phase, %(phase)s.")
MSG_VERSION = _("Version %(number)s")
MSG_NEXT = _("At the %(phase)s phase (recommended)")


class CompareError(ValueError):
    """A query that names no comparison: ``field`` is the parameter at fault, and the message names it too."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def against_first(values):
    """Each column after the first, less the first: what every delta on the comparison means."""
    return tuple(value - values[0] for value in values[1:])


@dataclass(frozen=True)
class Column:
    title: object  # a str, Text or lazy message, shown in the reader's language
    subtitle: object
    state: PlanState
    plan_id: int | None = None


@dataclass(frozen=True)
class RoleRow:
    code: str
    name: Text
    headcounts: tuple[int, ...]
    costs: tuple[int, ...]
    present: tuple[bool, ...]
    merged: tuple[bool, ...]  # in the column but merged into another role, so no people of its own
    changes: tuple[tuple[Formatted, ...], ...]  # per column after the first: what else changed for the role

    @property
    def change_count(self):
        return sum(len(items) for items in self.changes)

    @property
    def deltas(self):
        return against_first(self.headcounts)

    @property
    def cost_deltas(self):
        return against_first(self.costs)

    @property
    def cells(self):
        """Per column: headcount, cost, (after the first) the two deltas, whether it has the role and whether merged."""
        return tuple(zip(self.headcounts, self.costs, (None, *self.deltas), (None, *self.cost_deltas), self.present,
                         self.merged, strict=True))


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]
    roles: tuple[RoleRow, ...]
    plan_changes: tuple[tuple[Formatted, ...], ...]  # per column after the first: placement and profile changes

    @property
    def headcounts(self):
        return tuple(column.state.headcount for column in self.columns)

    @property
    def costs(self):
        return tuple(column.state.monthly_cost for column in self.columns)

    @property
    def deltas(self):
        return against_first(self.headcounts)

    @property
    def cost_deltas(self):
        return against_first(self.costs)

    @property
    def total_cells(self):
        return tuple(zip(self.headcounts, self.costs, (None, *self.deltas), (None, *self.cost_deltas), strict=True))

    def labelled(self, changes):
        """``changes`` (one tuple per column after the first) with the column each belongs to, empty ones left out."""
        return [(column.title, items) for column, items in zip(self.columns[1:], changes, strict=True) if items]

    @property
    def plan_changes_labelled(self):
        return self.labelled(self.plan_changes)

    @property
    def placements(self):
        return tuple(Placement(dict(column.state.fields)["placement"]).label for column in self.columns)


def compare_states(columns) -> Comparison:
    """Every role of every column, in the order they first appear; a role a column lacks counts 0 there."""
    states = [column.state for column in columns]
    diffs = [diff_states(states[0], state) for state in states[1:]]
    codes = list(dict.fromkeys(role.code for state in states for role in state.roles))
    rows = []
    for code in codes:
        roles = [state.role(code) for state in states]
        rows.append(RoleRow(
            code=code, name=next(role.name for role in roles if role is not None),
            headcounts=tuple(role.headcount if role else 0 for role in roles),
            costs=tuple(role.monthly_cost if role else 0 for role in roles),
            present=tuple(role is not None for role in roles),
            merged=tuple(role is not None and role.merged_into is not None for role in roles),
            changes=tuple(tuple(describe(d, in_row=True) for d in diff if d.code == code and d.kind not in COUNTED)
                          for diff in diffs),
        ))
    plan_changes = tuple(tuple(describe(d) for d in diff if d.kind == "field") for diff in diffs)
    return Comparison(columns=tuple(columns), roles=tuple(rows), plan_changes=plan_changes)


COUNTED = {"headcount", "role_added", "role_removed"}  # shown by the numbers themselves


def _is_id(text):
    """A whole number a database column holds (at most nine digits)."""
    return text.isdigit() and len(text) <= 9


def _numbers(text, error, field="ids", **params):
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not 2 <= len(parts) <= MAX_COLUMNS or not all(map(_is_id, parts)) or len({int(p) for p in parts}) < len(parts):
        raise CompareError(field, str(error % params) if params else str(error))
    return [int(part) for part in parts]


def _plan_column(plan):
    subtitle = f"{plan.get_phase_display()} · {plan.owner.get_username()} · {localtime(plan.updated_at):%Y-%m-%d}"
    return Column(plan.company_name, subtitle, plan_state(plan, plan.team), plan.pk)


def _visible(user, pk):
    plan = TeamPlan.objects.with_team(texts=False).filter(pk=pk).first()
    if plan is None or not plan.is_visible_to(user):
        raise CompareError("ids", str(ERR_UNKNOWN % {"id": pk}))
    return plan


def load_columns(user, query) -> list[Column]:
    """The columns ``query`` asks for: ``ids=a,b[,c]``; ``ids=a&versions=m,n[,o]`` (or ``from=m&to=n``, as the
    history page's form sends them); or ``ids=a&next=1``."""
    raw = ",".join(query.getlist("ids"))
    versions = query.get("versions") or ",".join(query.get(name, "") for name in ("from", "to") if name in query)
    next_phase = query.get("next", "").lower() in {"1", "true", "yes", "on"}
    if versions or next_phase:
        if not _is_id(raw.strip()):
            raise CompareError("ids", str(ERR_IDS))
        plan = _visible(user, int(raw))
        return _next_phase(plan) if next_phase else _versions(plan, versions)
    return [_plan_column(_visible(user, pk)) for pk in _numbers(raw, ERR_IDS)]


def _versions(plan, text):
    numbers = _numbers(text, ERR_VERSIONS, "versions", id=plan.pk)
    found = {v.number: v for v in PlanVersion.objects.select_related("author").filter(plan=plan, number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise CompareError("versions", str(ERR_VERSION % {"id": plan.pk, "number": missing[0]}))
    return [Column(Formatted(MSG_VERSION, number=n), _saved(found[n]), state_of(read_snapshot(found[n])), plan.pk)
            for n in numbers]


def _saved(version):
    return f"{version.get_kind_display()} · {localtime(version.created_at):%Y-%m-%d %H:%M}"


def _next_phase(plan):
    steps = growth_path(profile=plan.profile(), library=load_library(),
                        headcounts={role.code: role.headcount for role in plan.team})
    if not steps:
        raise CompareError("next", str(ERR_LAST_PHASE % {"phase": Phase(plan.phase).label}))
    phase, draft, _added = steps[0]
    label = Phase(phase).label
    return [_plan_column(plan), Column(Formatted(MSG_NEXT, phase=label), plan.company_name, draft_state(draft))]
