from django import template

from common.choices import Source
from teams import charts

register = template.Library()


@register.filter
def source_label(code):
    """A source tag as the reader says it: S0–S4 as they are, "derived" as 推导 in Chinese."""
    return Source(code).label if code in Source.values else code


@register.filter
def drawing_steps(tree):
    """The chart's boxes as flat steps (see ``teams.charts.drawing_steps``)."""
    return charts.drawing_steps(tree)
