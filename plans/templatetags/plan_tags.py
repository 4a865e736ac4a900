from django import template

from common.text import pick as pick_text

register = template.Library()


@register.filter
def pick(entry, key=""):
    """``{{ reason|pick }}`` shows a stored bilingual entry in the reader's language."""
    return pick_text(entry, key)


@register.filter
def yuan(amount):
    """Whole yuan with thousands separators: ``{{ cost|yuan }}`` → ¥123,456 (blank when unknown)."""
    return "" if amount is None else f"¥{amount:,}"
