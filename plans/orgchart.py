"""The org chart: a tree of roles under the unit the team sits in, as nested lists and as SVG.

Both renderings read the same tree, built from the roles already loaded with the plan, so a chart
costs no query per role.
"""
import re
from xml.sax.saxutils import escape as xml_escape

from django.utils.translation import gettext as _

from common.palette import colour, tier_colour
from common.text import join_names
from teams.charts import build_tree
from teams.choices import Placement

NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN = 180, 74, 24, 56, 24
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape(text, entities=None):
    """Text for the SVG: characters XML 1.0 forbids (a company name may hold any) dropped, markup escaped."""
    return xml_escape(NOT_XML.sub("", str(text)), entities or {})


def unit_subtitle(placement):
    if placement == Placement.FIRST_LEVEL:
        return _("Reports to the CEO")
    return _("Private-domain team inside this unit")


def role_subtitle(role):
    """How many people and which tier, and how many of them lead a group: "12 × Front office · 2 leads"."""
    subtitle = _("%(count)s × %(tier)s") % {"count": role.headcount, "tier": role.get_tier_display()}
    if role.team_leads:
        subtitle += _(" · %(leads)s leads") % {"leads": role.team_leads}
    return subtitle


def plan_tree(plan):
    items = [
        (role.pk, role.reports_to_id, role.name, role_subtitle(role), role.tier,
         [other.name for other in role.absorbed_roles])
        for role in plan.staffed_roles()
    ]
    return build_tree(items, root_title=plan.get_placement_display(), root_subtitle=unit_subtitle(plan.placement))


def _layout(node, depth, next_x):
    """Tidy enough tree layout: leaves left to right, each parent centred over its children."""
    node.y = MARGIN + depth * (NODE_H + GAP_Y)
    if not node.children:
        node.x = next_x
        return next_x + NODE_W + GAP_X
    for child in node.children:
        next_x = _layout(child, depth + 1, next_x)
    node.x = (node.children[0].x + node.children[-1].x) / 2
    return next_x


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


def drawn_size(root):
    """The chart's width and height in SVG units, once laid out."""
    _layout(root, 0, MARGIN)
    nodes = list(_walk(root))
    return max(n.x for n in nodes) + NODE_W + MARGIN, max(n.y for n in nodes) + NODE_H + MARGIN


def render_svg(root, title, *, text_font=None):
    """The chart as SVG with a viewBox, so it scales to any width; ``text_font`` names a font on every text
    (renderers without font fallback, such as Cairo for the PNG, need it)."""
    width, height = drawn_size(root)
    nodes = list(_walk(root))
    font = f' font-family="{escape(text_font)}"' if text_font else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, '
        f'sans-serif" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="100%" height="100%" fill="{colour("card")}"/>',
    ]
    for node in nodes:
        for child in node.children:
            mid = node.y + NODE_H + GAP_Y / 2
            parts.append(f'<path d="M{node.x + NODE_W / 2:.1f},{node.y + NODE_H} V{mid:.1f} '
                         f'H{child.x + NODE_W / 2:.1f} V{child.y}" fill="none" stroke="{colour("connector")}" '
                         'stroke-width="1.5"/>')
    parts.extend(_node_svg(node, font) for node in nodes)
    parts.append("</svg>")
    return "\n".join(parts)


def _node_svg(node, font):
    accent = tier_colour(node.tier)
    parts = [f'<g><rect x="{node.x:.1f}" y="{node.y}" width="{NODE_W}" height="{NODE_H}" rx="8" '
             f'fill="{colour("card")}" stroke="{colour("line")}"/>'
             f'<rect x="{node.x:.1f}" y="{node.y}" width="{NODE_W}" height="4" rx="2" fill="{accent}"/>'
             f'<text x="{node.x + 12:.1f}" y="{node.y + 28}"{font} font-size="15" font-weight="600" '
             f'fill="{colour("ink")}">{escape(_clip(node.title, 12))}</text>'
             f'<text x="{node.x + 12:.1f}" y="{node.y + 48}"{font} font-size="12" fill="{colour("muted")}">'
             f'{escape(_clip(node.subtitle, 16))}</text>']
    if node.absorbed:
        covers = _("also covers %(roles)s") % {"roles": join_names(node.absorbed)}
        parts.append(f'<text x="{node.x + 12:.1f}" y="{node.y + 65}"{font} font-size="11" fill="{colour("faint")}">'
                     f"{escape(_clip(covers, 18))}</text>")
    parts.append("</g>")
    return "".join(parts)


def _clip(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
