"""The chart of a team as a tree of boxes: the unit the team sits in at the top, each role under its manager.

The library's standard structure and a saved plan's org chart are both drawn from this tree.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common.graph import loops

from .engine import CAMPAIGN


@dataclass
class Node:
    """One box: a role (or the placement unit at the top) with the roles reporting to it."""

    key: str
    title: str
    subtitle: str = ""
    tier: str = ""
    absorbed: list = field(default_factory=list)
    children: list = field(default_factory=list)
    marks: tuple = ()  # what a comparison says of the box (added, moved, …); drawn as text badges
    x: float = 0
    y: float = 0


def build_tree(items, *, root_title, root_subtitle="", marks=None):
    """``items`` are (key, parent key or None, title, subtitle, tier, absorbed names) in display order;
    ``marks`` maps a key (``"unit"`` for the root) to the marks of its box.

    A parent missing from the items, or a reporting loop, hangs the role under the root, so every
    role appears exactly once.
    """
    marks = marks or {}
    root = Node("unit", root_title, root_subtitle, "unit", marks=tuple(marks.get("unit", ())))
    nodes = {key: Node(key, title, subtitle, tier, list(absorbed), marks=tuple(marks.get(key, ())))
             for key, _parent, title, subtitle, tier, absorbed in items}
    parents = {key: parent for key, parent, *_rest in items if parent in nodes}
    for key, parent, *_rest in items:
        attached = key in parents and not loops(key, parents.get)
        (nodes[parent] if attached else root).children.append(nodes[key])
    return root


@dataclass(frozen=True)
class Step:
    """One step of drawing a tree as nested lists: open a node's box, or close the ``levels`` lists it ended."""

    node: Node | None = None
    closes: int = 0

    @property
    def close_range(self):
        return range(self.closes)


def drawing_steps(tree):
    """The tree in document order without recursion, so a reporting line 100 deep draws instead of overflowing
    the template engine's stack: each node once, then how many levels close after it."""
    steps, stack = [], [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        steps.append(Step(node=node))
        stack.extend((child, depth + 1) for child in reversed(node.children))
        if not node.children:
            next_depth = stack[-1][1] if stack else 0
            steps.append(Step(closes=depth - next_depth))
    return steps


def library_tree(roles):
    """The standard structure: the core roles and the campaign planner under their default parents."""
    chosen = [role for role in roles if role.is_core or role.code == CAMPAIGN]
    codes = {role.code for role in chosen}
    items = [
        (role.code, role.default_parent.code if role.default_parent and role.default_parent.code in codes else None,
         role.name, role.get_tier_display(), role.tier, ())
        for role in chosen
    ]
    return build_tree(items, root_title=_("Private-domain team"), root_subtitle=_("1–2 people per role [S2]"))
