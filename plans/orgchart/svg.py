"""The chart as SVG markup: a heading, the tree of boxes and a legend, with a viewBox so it scales to any width.

Renderers without font fallback (Cairo, for the PNG) need a font named on every ``<text>``: ``text_font``.
"""
import re
from xml.sax.saxutils import escape as xml_escape

from common.palette import colour, tier_colour

from .layout import GAP_Y, INDENT, NODE_W, SWATCH, Chart

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FONTS = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"


def escape(text, entities=None):
    """Text for the SVG: characters XML 1.0 forbids (a company name may hold any) dropped, markup escaped."""
    return xml_escape(NOT_XML.sub("", str(text)), entities or {})


def render_svg(chart: Chart, *, text_font=None) -> str:
    font = f' font-family="{escape(text_font)}"' if text_font else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:.0f}" height="{chart.height:.0f}" '
        f'viewBox="0 0 {chart.width:.0f} {chart.height:.0f}" font-family="{FONTS}" role="img" '
        f'aria-label="{escape(chart.title, {chr(34): "&quot;"})}">',
        f"<title>{escape(chart.title)}</title>",
        f'<rect width="100%" height="100%" fill="{colour("card")}"/>',
    ]
    parts.extend(_text(line, font) for line in chart.heading)
    parts.extend(_connector(box) for box in chart.boxes if box.parent)
    parts.extend(_box(box, font) for box in chart.boxes)
    parts.extend(_legend(swatch, font) for swatch in chart.legend)
    parts.append("</svg>")
    return "\n".join(parts)


def _text(line, font):
    weight = ' font-weight="600"' if line.style.bold else ""
    return (f'<text x="{line.x:.1f}" y="{line.y:.1f}"{font} font-size="{line.style.size}"{weight} '
            f'fill="{colour(line.style.colour)}">{escape(line.text)}</text>')


def _connector(box):
    """Down from the parent to the bar above its row of children, then into the top of the box; a stacked box
    hangs off a spine beside its column and is joined from the side."""
    parent, bar = box.parent, box.parent.y + box.parent.height + GAP_Y / 2
    start = f"M{parent.x + NODE_W / 2:.1f},{parent.y + parent.height:.1f} V{bar:.1f}"
    if box.stacked:
        path = f"{start} H{box.x - INDENT / 2:.1f} V{box.y + 22:.1f} H{box.x:.1f}"
    else:
        path = f"{start} H{box.x + NODE_W / 2:.1f} V{box.y:.1f}"
    return f'<path d="{path}" fill="none" stroke="{colour("connector")}" stroke-width="1.5"/>'


def _box(box, font):
    fill = colour("subtle") if box.tier == "unit" else colour("card")
    return (f'<g data-key="{escape(box.key)}"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_W}" '
            f'height="{box.height:.1f}" rx="8" fill="{fill}" stroke="{colour("line")}"/>'
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_W}" height="4" rx="2" fill="{tier_colour(box.tier)}"/>'
            + "".join(_text(line, font) for line in box.lines) + "</g>")


def _legend(swatch, font):
    line = swatch.line
    bar = ""
    if swatch.tier:
        bar = (f'<rect x="{line.x - SWATCH - 6:.1f}" y="{line.y - line.style.size * 0.45:.1f}" width="{SWATCH}" '
               f'height="5" rx="2" fill="{tier_colour(swatch.tier)}" class="legend"/>')
    return bar + _text(line, font)
