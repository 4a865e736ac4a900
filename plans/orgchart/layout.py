"""Where every box, line of text and legend entry of the SVG chart goes.

A box is as tall as its wrapped text needs (every box of a row as tall as the tallest, so the rows line
up); nothing is cut. Pure geometry over the tree: no markup, no database.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from teams.choices import Tier

from .text import text_width, wrap

NODE_W, PAD, GAP_X, GAP_Y, MARGIN = 188, 12, 24, 48, 28
BOX_TOP, BOX_BOTTOM, LEADING = 16, 10, 1.4
MIN_TEXT_WIDTH, SWATCH, LEGEND_GAP = 520, 22, 22


@dataclass(frozen=True)
class Style:
    size: float
    colour: str
    bold: bool = False


TITLE, SUBTITLE = Style(15, "ink", True), Style(12, "muted")
COVERS, COVERED = Style(11, "faint"), Style(11.5, "muted")
HEADING, DETAILS, LEGEND = Style(20, "ink", True), Style(13, "muted"), Style(12, "muted")


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


def _columns(node, depth, next_x, found, parent=None):
    """Leaves left to right, each parent centred over its children; records (node, depth, x, parent key)."""
    if not node.children:
        found[node.key] = (node, depth, next_x, parent)
        return next_x + NODE_W + GAP_X
    for child in node.children:
        next_x = _columns(child, depth + 1, next_x, found, node.key)
    first, last = found[node.children[0].key][2], found[node.children[-1].key][2]
    found[node.key] = (node, depth, (first + last) / 2, parent)
    return next_x


def tree_boxes(root, top, shift=0.0) -> tuple[list[Box], float, float]:
    """Every node as a box; returns the boxes, the tree's width and the bottom of its last row."""
    found = {}
    width = _columns(root, 0, 0, found) - GAP_X
    texts = {key: box_lines(node) for key, (node, *_rest) in found.items()}
    rows = {}
    for key, (_node, depth, *_rest) in found.items():
        rows[depth] = max(rows.get(depth, 0), lines_height(texts[key]))
    row_tops = {}
    for depth in sorted(rows):
        row_tops[depth], top = top, top + rows[depth] + GAP_Y
    boxes = {}
    for key, (node, depth, x, parent) in sorted(found.items(), key=lambda item: item[1][1]):  # parents first
        lines, _bottom = stacked(texts[key], shift + x + PAD, row_tops[depth] + BOX_TOP)
        boxes[key] = Box(key, node.tier, shift + x, row_tops[depth], rows[depth], tuple(lines),
                         boxes[parent] if parent else None)
    return list(boxes.values()), width, top - GAP_Y


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
    _boxes, tree_width, _bottom = tree_boxes(root, 0)
    width = max(tree_width, MIN_TEXT_WIDTH)
    title = [Line(text, HEADING) for text in wrap(heading.title, HEADING.size, width)]
    details = [Line(text, DETAILS) for text in wrap(heading.details, DETAILS.size, width)]
    head, top = stacked(title + details, MARGIN, MARGIN)
    boxes, _width, bottom = tree_boxes(root, top + 24, shift=MARGIN + (width - tree_width) / 2)
    legend, bottom = legend_entries(width, bottom + 28)
    return Chart(width + 2 * MARGIN, bottom + MARGIN, heading.title, tuple(head), tuple(boxes), tuple(legend))
