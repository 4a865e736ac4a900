from django import template

register = template.Library()


@register.filter
def signed(number):
    """A delta with its sign: +2, −1, 0 (the true minus sign reads better beside a plus)."""
    if number is None:
        return ""
    return f"+{number:,}" if number > 0 else f"−{-number:,}" if number < 0 else "0"


@register.filter
def signed_yuan(number):
    if number is None:
        return ""
    return f"+¥{number:,}" if number > 0 else f"−¥{-number:,}" if number < 0 else "¥0"


@register.filter
def delta_class(number):
    return "delta-up" if number and number > 0 else "delta-down" if number and number < 0 else "delta-zero"


@register.simple_tag
def role_changes(comparison, row):
    return comparison.labelled(row.changes)
