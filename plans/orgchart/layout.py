"""Where every box, line of text and legend entry of the SVG chart goes.

A box is as tall as its wrapped text needs (every box of a row as tall as the tallest, so the rows line
up); nothing is cut. A chart wider than ``FIT_WIDTH`` is laid out again with the reports that have none of
their own stacked in columns under their manager, four or more of them, then three, then two, until it fits: a
lead with fifteen specialists would otherwise make the chart fifteen boxes wide and shrink its text past reading
on an A4 page, while a small chart keeps its plain rows. Pure geometry over the tree: no markup, no database.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from teams.charts import Node
from teams.choices import Tier

from .text import text_width, wrap

NODE_W, PAD, GAP_X, GAP_Y, MARGIN = 188, 12, 24, 48, 28
BOX_TOP, BOX_BOTTOM, LEADING = 16, 10, 1.4
MIN_TEXT_WIDTH, SWATCH, LEGEND_GAP = 520, 22, 22
# A4 landscape prints 273 mm wide: at 1,600 px a box's name (15 px) comes out at about 7 pt.
FIT_WIDTH, STACK_AT, STACK_ROWS, INDENT, STACK_GAP = 1600, (4, 3, 2), 7, 28, 12


@dataclass(frozen=True)
class Style:
    size: float
    colour: str
    bold: bool = False


TITLE, SUBTITLE = Style(15, "ink", True), Style(12, "muted")
COVERS, COVERED = Style(11, "faint"), Style(11.5, "muted")
HEADING, DETAILS, LEGEND = Style(20, "ink", True), Style(13, "muted"), Style(12, "muted")
APPROVAL = Style(13, "brand", True)


@dataclass(frozen=True)
class Line:
    """One line of text; ``y`` is its baseline, ``x`` its left edge."""

    text: str
    style: Style
    x: float = 0
    y: float = 0


@dataclass(frozen=True)
class Box:
    key: str
    tier: str
    x: float
    y: float
    height: float
    lines: tuple[Line, ...]
    parent: "Box | None" = None
    stacked: bool = False  # in a column under its parent, joined from the side


@dataclass(frozen=True)
class Swatch:
    """A legend entry: a coloured bar (``tier``, or none for a text-only entry) and what it means."""

    tier: str
    line: Line


@dataclass(frozen=True)
class Heading:
    """What the chart is of: "桃园茶饮 · 组织架构图", then phase, unit, total headcount and date."""

    title: str
    details: str
    approval: str = ""  # "已审批 · 第 3 版 · …" on an approved plan's SVG and PNG (the PDF has it in its page header)


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    title: str
    heading: tuple[Line, ...]
    boxes: tuple[Box, ...]
    legend: tuple[Swatch, ...]


def box_lines(node) -> list[Line]:
    """The box's text: the name, the headcount line, then every role merged into it, one per line."""
    width = NODE_W - 2 * PAD
    lines = [Line(text, TITLE) for text in wrap(node.title, TITLE.size, width)]
    if node.subtitle:
        lines += [Line(text, SUBTITLE) for text in wrap(node.subtitle, SUBTITLE.size, width)]
    if node.absorbed:
        lines.append(Line(_("Also covers:"), COVERS))
        for name in node.absorbed:
            lines += [Line(text, COVERED) for text in wrap(f"+ {name}", COVERED.size, width)]
    return lines


def stacked(lines, x, top) -> tuple[list[Line], float]:
    """``lines`` placed one under the other from ``top``; returns them and the bottom they reach."""
    placed = []
    for line in lines:
        placed.append(Line(line.text, line.style, x, top + line.style.size * 1.05))
        top += line.style.size * LEADING
    return placed, top


def lines_height(lines) -> float:
    return BOX_TOP + sum(line.style.size * LEADING for line in lines) + BOX_BOTTOM


@dataclass(frozen=True)
class Slot:
    node: object
    depth: int
    x: float
    parent: str | None
    stacked: bool = False


def stacked_reports(node, stack_at) -> list:
    """The childless reports of ``node`` that go in a column under it: all of them once there are ``stack_at``
    or more (None: no stacking), else none. The one rule the SVG and the page's chart share."""
    leaves = [child for child in node.children if not child.children]
    return leaves if stack_at and len(leaves) >= stack_at else []


def _columns(node, depth, next_x, found, stack_at, parent=None):
    """Leaves left to right, each parent centred over its children; a parent's ``stack_at`` or more childless
    reports go in columns of at most ``STACK_ROWS`` after its other children. Records every node's slot;
    returns the next free x."""
    if not node.children:
        found[node.key] = Slot(node, depth, next_x, parent)
        return next_x + NODE_W + GAP_X
    stack = stacked_reports(node, stack_at)
    centres = []
    for child in node.children:
        if child.children or not stack:  # the stacked ones are placed after the others
            next_x = _columns(child, depth + 1, next_x, found, stack_at, node.key)
            centres.append(found[child.key].x)
    if stack:
        columns = -(-len(stack) // STACK_ROWS)
        per_column, column_width = -(-len(stack) // columns), INDENT + NODE_W + GAP_X
        for index, child in enumerate(stack):
            x = next_x + INDENT + index // per_column * column_width
            found[child.key] = Slot(child, depth + 1, x, node.key, stacked=True)
        centres += [next_x + INDENT / 2, next_x + INDENT / 2 + (columns - 1) * column_width]
        next_x += columns * column_width
    found[node.key] = Slot(node, depth, (centres[0] + centres[-1]) / 2, parent)
    return next_x


def fitting_stack(root) -> int | None:
    """The least stacking that brings the tree within ``FIT_WIDTH`` (None: none needed), or the most there is."""
    for stack_at in (None, *STACK_AT):
        if _columns(root, 0, 0, {}, stack_at) - GAP_X <= FIT_WIDTH:
            return stack_at
    return STACK_AT[-1]


def stack_reports(root) -> Node:
    """Regroup ``root`` in place for the page's chart (nested lists) as the SVG lays it out: under each parent
    whose childless reports the SVG stacks, they move into one trailing group (tier ``stack``), drawn as a
    column. Walked without recursion, like ``drawing_steps``."""
    stack_at = fitting_stack(root)
    pending = [root] if stack_at else []
    while pending:
        node = pending.pop()
        if stack := stacked_reports(node, stack_at):
            node.children = [child for child in node.children if child.children] + [
                Node(f"{node.key}-stack", "", tier="stack", children=stack)]
        pending.extend(child for child in node.children if child.tier != "stack")
    return root


def tree_boxes(root, top, shift=0.0, stack_at=None) -> tuple[list[Box], float, float]:
    """Every node as a box; returns the boxes, the tree's width and the bottom of its last box."""
    found = {}
    width = _columns(root, 0, 0, found, stack_at) - GAP_X
    texts = {key: box_lines(slot.node) for key, slot in found.items()}
    rows = {}
    for key, slot in found.items():
        rows[slot.depth] = max(rows.get(slot.depth, 0), 0 if slot.stacked else lines_height(texts[key]))
    row_tops = {}
    for depth in sorted(rows):
        row_tops[depth], top = top, top + rows[depth] + GAP_Y
    bottom, boxes, stack_tops = top - GAP_Y, {}, {}
    for key, slot in sorted(found.items(), key=lambda item: item[1].depth):  # parents first
        parent = boxes[slot.parent] if slot.parent else None
        if slot.stacked:
            y = stack_tops.get((slot.parent, slot.x), row_tops[slot.depth])
            height = lines_height(texts[key])
            stack_tops[slot.parent, slot.x] = y + height + STACK_GAP
            bottom = max(bottom, y + height)
        else:
            y, height = row_tops[slot.depth], rows[slot.depth]
        lines, _bottom = stacked(texts[key], shift + slot.x + PAD, y + BOX_TOP)
        boxes[key] = Box(key, slot.node.tier, shift + slot.x, y, height, tuple(lines), parent, slot.stacked)
    return list(boxes.values()), width, bottom


def legend_entries(width, top) -> tuple[list[Swatch], float]:
    """What the colours and the figures mean, laid out left to right and wrapped to ``width``."""
    entries = [("unit", _("Unit the team sits in"))] + [(tier.value, tier.label) for tier in Tier] + [
        ("", _("Number: the role's headcount")), ("", _("+ role: merged in, its duties covered by this role"))]
    swatches, x, row_height = [], MARGIN, LEGEND.size * LEADING
    for tier, text in entries:
        entry_width = (SWATCH + 6 if tier else 0) + text_width(str(text), LEGEND.size)
        if x > MARGIN and x + entry_width > MARGIN + width:
            x, top = MARGIN, top + row_height
        text_x = x + (SWATCH + 6 if tier else 0)
        swatches.append(Swatch(tier, Line(str(text), LEGEND, text_x, top + LEGEND.size)))
        x += entry_width + LEGEND_GAP
    return swatches, top + row_height


def lay_out(root, heading: Heading) -> Chart:
    """The whole drawing: heading, tree, legend; as wide as the tree (or the text's minimum width)."""
    stack_at = fitting_stack(root)
    _boxes, tree_width, _bottom = tree_boxes(root, 0, stack_at=stack_at)
    width = max(tree_width, MIN_TEXT_WIDTH)
    title = [Line(text, HEADING) for text in wrap(heading.title, HEADING.size, width)]
    details = [Line(text, DETAILS) for text in wrap(heading.details, DETAILS.size, width)]
    if heading.approval:
        details += [Line(text, APPROVAL) for text in wrap(heading.approval, APPROVAL.size, width)]
    head, top = stacked(title + details, MARGIN, MARGIN)
    boxes, _width, bottom = tree_boxes(root, top + 24, shift=MARGIN + (width - tree_width) / 2, stack_at=stack_at)
    legend, bottom = legend_entries(width, bottom + 28)
    return Chart(width + 2 * MARGIN, bottom + MARGIN, heading.title, tuple(head), tuple(boxes), tuple(legend))
