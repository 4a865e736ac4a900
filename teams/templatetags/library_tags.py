from django import template

from common.choices import Source

register = template.Library()


@register.filter
def source_label(code):
    """A source tag as the reader says it: S0–S4 as they are, "derived" as 推导 in Chinese."""
    return Source(code).label if code in Source.values else code
