"""A KPI sheet's weights add up to 100: the one rule, used by the library and by plans."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHT_TOTAL = 100
ERR_WEIGHTS = _("KPI weights must sum to 100 (now %(total)s).")


def check_weights(weights) -> None:
    """Refuse a non-empty set of weights whose sum is not 100 (no KPIs at all is allowed)."""
    weights = list(weights)
    total = sum(weights)
    if weights and total != WEIGHT_TOTAL:
        raise ValidationError(ERR_WEIGHTS % {"total": total}, code="weights")
