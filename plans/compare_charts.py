"""Each compared column's org chart, its boxes marked against the first column's.

The tree is the one a plan's own chart draws (``teams.charts.build_tree``, ``includes/orgchart.html``), built
from the column's state, so saved plans, versions and the next-phase recommendation draw alike and cost no
query. Against the first column a box is marked *added* (no such role there), *split* (there another role
covered it), *moved* (it hangs under another box than there) or with its *headcount* changed. A role with a
box in the first column and none here stays as a ghost box where it used to report: *removed*, or *merged*
when another role now covers it. Every mark is a text badge, so colour is never the only cue.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from teams.charts import Node, build_tree
from teams.choices import Placement

from .compare import Column, Comparison
from .diff import PlanState
from .orgchart import headcount_subtitle, unit_subtitle
from .templatetags.compare_tags import signed

ADDED, SPLIT, REMOVED, MERGED, MOVED, HEADCOUNT = "added", "split", "removed", "merged", "moved", "headcount"
KINDS = (ADDED, SPLIT, REMOVED, MERGED, MOVED, HEADCOUNT)
LABELS = {ADDED: _("New"), SPLIT: _("Own role now"), REMOVED: _("Removed"), MERGED: _("Merged"),
          MOVED: _("Reports elsewhere")}
MSG_HEADCOUNT = _("People %(delta)s")
MSG_PLACEMENT = _("Placement changed")
MSG_WAS_UNDER = _("Was under %(manager)s")
MSG_WAS_IN = _("Was in %(unit)s")
MSG_HAD = _("Had %(count)s people")
MSG_COVERED_BY = _("Now covered by %(role)s")
MSG_WAS_COVERED = _("Was covered by %(role)s")
SUMMARY = {
    ADDED: ngettext_lazy("%(n)s role added", "%(n)s roles added", "n"),
    SPLIT: ngettext_lazy("%(n)s role staffed on its own", "%(n)s roles staffed on their own", "n"),
    REMOVED: ngettext_lazy("%(n)s role removed", "%(n)s roles removed", "n"),
    MERGED: ngettext_lazy("%(n)s role merged", "%(n)s roles merged", "n"),
    MOVED: ngettext_lazy("%(n)s reports elsewhere", "%(n)s report elsewhere", "n"),
    HEADCOUNT: ngettext_lazy("%(n)s headcount changed", "%(n)s headcounts changed", "n"),
}


@dataclass(frozen=True)
class Mark:
    """One badge on a box: ``kind`` (its class and legend entry), the badge's text, and a line of detail."""

    kind: str
    label: object
    detail: object = ""
    tone: str = ""  # "up" or "down" for a headcount, coloured as the table's deltas


@dataclass(frozen=True)
class ColumnChart:
    column: Column
    tree: Node
    summary: tuple[tuple[str, str], ...]  # (kind, "2 roles added") for each kind of mark the chart has
    baseline: bool = False


def boxes(state: PlanState) -> dict:
    """The roles drawn as boxes (a merged role is listed inside the box of the role that covers it)."""
    return {role.code: role for role in state.roles if role.merged_into is None}


def drawn_parent(role, drawn) -> str | None:
    """The box ``role`` hangs under: its manager's when that is drawn, else the unit at the top (None)."""
    return role.reports_to if role.reports_to in drawn else None


def placement(state: PlanState) -> str:
    return dict(state.fields)["placement"]


@dataclass(frozen=True)
class Baseline:
    """The first column as the others' marks read it: its state, its boxes and the unit at its top."""

    state: PlanState
    drawn: dict
    unit: str

    @classmethod
    def of(cls, state: PlanState):
        return cls(state, boxes(state), Placement(placement(state)).label)

    def covering(self, state, code):
        """The name of the role that covers ``code`` in ``state`` (merged into it), or —."""
        covering = state.role(state.role(code).merged_into)
        return covering.name if covering else "—"


def role_marks(role, drawn, base: Baseline) -> list[Mark]:
    """What a box of this column says against the first column's box of the same role."""
    before = base.drawn.get(role.code)
    if before is None:
        if base.state.role(role.code) is None:
            return [Mark(ADDED, LABELS[ADDED])]
        return [Mark(SPLIT, LABELS[SPLIT], MSG_WAS_COVERED % {"role": base.covering(base.state, role.code)})]
    marks = []
    was_under = drawn_parent(before, base.drawn)
    if drawn_parent(role, drawn) != was_under:
        manager = base.drawn[was_under].name if was_under else base.unit
        marks.append(Mark(MOVED, LABELS[MOVED], MSG_WAS_UNDER % {"manager": manager}))
    delta = role.headcount - before.headcount
    if delta:
        marks.append(Mark(HEADCOUNT, MSG_HEADCOUNT % {"delta": signed(delta)}, tone="up" if delta > 0 else "down"))
    return marks


def ghost(role, state, base: Baseline) -> Mark:
    """The mark of a box the first column has and this one lacks: merged into another role, or removed."""
    if state.role(role.code) is None:
        return Mark(REMOVED, LABELS[REMOVED])
    return Mark(MERGED, LABELS[MERGED], MSG_COVERED_BY % {"role": base.covering(state, role.code)})


def column_tree(state: PlanState, base: Baseline | None = None) -> Node:
    """The column's chart; with ``base``, its boxes marked against it and its lost boxes kept as ghosts."""
    drawn = boxes(state)
    absorbed = {code: [r.name for r in state.roles if r.merged_into == code] for code in drawn}
    items = [(code, drawn_parent(role, drawn), role.name, headcount_subtitle(role.headcount, role.tier,
              role.team_leads), role.tier, absorbed[code]) for code, role in drawn.items()]
    marks = {}
    if base is not None:
        marks = {code: role_marks(role, drawn, base) for code, role in drawn.items()}
        for code, role in base.drawn.items():
            if code not in drawn:
                # Under its old manager when that box is here, live or a ghost too (build_tree hangs it
                # under the unit otherwise); a live box is never put under a ghost (drawn_parent).
                items.append((code, role.reports_to, role.name, MSG_HAD % {"count": role.headcount}, role.tier, ()))
                marks[code] = [ghost(role, state, base)]
        if placement(base.state) != placement(state):
            marks["unit"] = [Mark(MOVED, MSG_PLACEMENT, MSG_WAS_IN % {"unit": base.unit})]
    return build_tree(items, root_title=Placement(placement(state)).label,
                      root_subtitle=unit_subtitle(placement(state)), marks=marks)


def summary(tree: Node) -> tuple[tuple[str, str], ...]:
    """How many boxes carry each kind of mark (the unit's placement mark is not a role and is left out)."""
    counts, stack = dict.fromkeys(KINDS, 0), list(tree.children)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        for mark in node.marks:
            counts[mark.kind] += 1
    return tuple((kind, str(SUMMARY[kind] % {"n": n})) for kind, n in counts.items() if n)


def comparison_charts(comparison: Comparison) -> list[ColumnChart]:
    """One chart a column: the first as it is (the baseline), every other marked against it."""
    first = comparison.columns[0]
    base = Baseline.of(first.state)
    charts = [ColumnChart(first, column_tree(first.state), (), baseline=True)]
    for column in comparison.columns[1:]:
        tree = column_tree(column.state, base)
        charts.append(ColumnChart(column, tree, summary(tree)))
    return charts
