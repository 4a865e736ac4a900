"""The org chart as a PNG image, drawn by CairoSVG from the same SVG as the download and the PDF.

Cairo does not fall back through a list of font families, so every ``<text>`` names the CJK font itself
(``PNG_FONT``); otherwise Chinese is drawn as boxes. The image is at least ``MIN_WIDTH`` pixels wide.
"""
import cairosvg

from .. import orgchart

PNG_FONT = "Noto Sans CJK SC"
MIN_WIDTH, MAX_WIDTH, SCALE = 1200, 8000, 2


def org_chart_png(plan) -> bytes:
    """The chart at twice its drawn size, kept between ``MIN_WIDTH`` and ``MAX_WIDTH`` pixels wide."""
    root = orgchart.plan_tree(plan)
    svg = orgchart.render_svg(root, title=plan.company_name, text_font=PNG_FONT)
    width = orgchart.drawn_size(root)[0]
    output_width = min(max(width * SCALE, MIN_WIDTH), MAX_WIDTH)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=round(output_width))
