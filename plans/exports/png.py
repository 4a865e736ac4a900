"""The org chart as a PNG image, drawn by CairoSVG from the same SVG as the download and the PDF.

Cairo does not fall back through a list of font families, so every ``<text>`` names the CJK font itself
(``PNG_FONT``); otherwise Chinese is drawn as boxes. The image is at least ``MIN_WIDTH`` pixels wide.
"""
import cairosvg

from .. import orgchart
from .approval import approval_text

PNG_FONT = "Noto Sans CJK SC"
MIN_WIDTH, MAX_WIDTH, SCALE = 1200, 8000, 2


def org_chart_png(plan) -> bytes:
    """The chart at twice its drawn size, kept between ``MIN_WIDTH`` and ``MAX_WIDTH`` pixels wide."""
    chart = orgchart.plan_chart(plan, approval_text(plan))
    svg = orgchart.render_svg(chart, text_font=PNG_FONT)
    output_width = min(max(chart.width * SCALE, MIN_WIDTH), MAX_WIDTH)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=round(output_width))
