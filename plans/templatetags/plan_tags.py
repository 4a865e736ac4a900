from django import template

from common.text import pick as pick_text

register = template.Library()


@register.filter
def pick(entry, key=""):
    """``{{ reason|pick }}`` shows a stored bilingual entry in the reader's language."""
    return pick_text(entry, key)
