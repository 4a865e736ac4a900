"""What a team costs: salary bands per role and city tier, and the employer's dated on-cost rules (五险一金).

Both are data an admin edits and replaces with their own city's figures; the cost engine only reads them.
Money is in whole yuan a month.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.choices import CityTier, Source
from common.text import Localized

from ..choices import OnCostItem
from .library import Role

MIN_MONTHS, MAX_MONTHS = Decimal("12"), Decimal("24")
note_help = _("Where the figure comes from, or how it was derived from a named source.")


class SalaryBandQuerySet(models.QuerySet):
    def get_by_natural_key(self, role_code, city_tier, year):
        return self.get(role__code=role_code, city_tier=city_tier, year=year)


class SalaryBand(models.Model):
    """The monthly base salary of a role in a city tier and year: P25, P50 (the median) and P75."""

    role = models.ForeignKey(Role, models.CASCADE, related_name="salary_bands", verbose_name=_("role"))
    city_tier = models.CharField(_("city tier"), max_length=10, choices=CityTier.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the figures describe, e.g. 2025."),
    )
    p25 = models.PositiveIntegerField(_("P25 (yuan a month)"), help_text=_("Monthly base salary, 25th percentile."))
    p50 = models.PositiveIntegerField(_("P50 (yuan a month)"), help_text=_("Monthly base salary, the median."))
    p75 = models.PositiveIntegerField(_("P75 (yuan a month)"), help_text=_("Monthly base salary, 75th percentile."))
    months_per_year = models.DecimalField(
        _("months paid a year"), max_digits=4, decimal_places=1, default=Decimal("13.0"),
        validators=[MinValueValidator(MIN_MONTHS), MaxValueValidator(MAX_MONTHS)],
        help_text=_("12 plus the 13th-month pay or year-end bonus, in months of base salary (12–24)."),
    )
    note_zh = models.TextField(_("note (Chinese)"), help_text=note_help)
    note_en = models.TextField(_("note (English)"), blank=True, help_text=note_help)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)

    objects = SalaryBandQuerySet.as_manager()

    class Meta:
        ordering = ["role", "-year", "city_tier"]
        verbose_name = _("salary band")
        verbose_name_plural = _("salary bands")
        constraints = [
            models.UniqueConstraint(fields=["role", "city_tier", "year"], name="salaryband_unique_role_tier_year"),
            models.CheckConstraint(condition=Q(p25__lte=F("p50"), p50__lte=F("p75")),
                                   name="salaryband_p25_le_p50_le_p75"),
            models.CheckConstraint(condition=Q(months_per_year__gte=MIN_MONTHS, months_per_year__lte=MAX_MONTHS),
                                   name="salaryband_months_12_24"),
        ]

    def __str__(self):
        return f"{self.role.code} · {self.get_city_tier_display()} {self.year}: ¥{self.p50}"

    def natural_key(self):
        return (self.role.code, self.city_tier, self.year)

    natural_key.dependencies = ["teams.role"]

    note = Localized()

    def clean(self):
        """The order of the percentiles, as a message on the field to fix."""
        errors = {}
        if None not in (self.p25, self.p50) and self.p25 > self.p50:
            errors["p50"] = _("Must be at least the P25 (%(p25)s).") % {"p25": self.p25}
        elif None not in (self.p50, self.p75) and self.p50 > self.p75:
            errors["p75"] = _("Must be at least the P50 (%(p50)s).") % {"p50": self.p50}
        if errors:
            raise ValidationError(errors)


class OnCostRuleQuerySet(models.QuerySet):
    def get_by_natural_key(self, city_tier, item, valid_from):
        return self.get(city_tier=city_tier, item=item, valid_from=valid_from)


class OnCostRule(models.Model):
    """One employer contribution (a social insurance or the housing fund) in a city tier, from a date on.

    The employer pays ``rate`` % of the contribution base: the salary, raised to ``base_floor`` and capped at
    ``base_ceiling``. Rates and bases change by city and year, so a new figure is a new row with a later
    ``valid_from``, never an edit of the old one.
    """

    city_tier = models.CharField(_("city tier"), max_length=10, choices=CityTier.choices)
    item = models.CharField(_("item"), max_length=20, choices=OnCostItem.choices)
    rate = models.DecimalField(
        _("employer rate (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Percent of the contribution base the employer pays, 0–100."),
    )
    base_floor = models.PositiveIntegerField(
        _("contribution base from (yuan a month)"), help_text=_("Lower salaries contribute on this base."))
    base_ceiling = models.PositiveIntegerField(
        _("contribution base up to (yuan a month)"), help_text=_("Higher salaries contribute on this base."))
    valid_from = models.DateField(_("valid from"), help_text=_("The rule applies from this day until a later one."))
    note_zh = models.TextField(_("note (Chinese)"), help_text=note_help)
    note_en = models.TextField(_("note (English)"), blank=True, help_text=note_help)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)

    objects = OnCostRuleQuerySet.as_manager()

    class Meta:
        ordering = ["city_tier", "item", "-valid_from"]
        verbose_name = _("on-cost rule")
        verbose_name_plural = _("on-cost rules")
        constraints = [
            models.UniqueConstraint(fields=["city_tier", "item", "valid_from"],
                                    name="oncostrule_unique_tier_item_from"),
            models.CheckConstraint(condition=Q(rate__gte=0, rate__lte=100), name="oncostrule_rate_0_100"),
            models.CheckConstraint(condition=Q(base_floor__lte=F("base_ceiling")),
                                   name="oncostrule_floor_le_ceiling"),
        ]

    def __str__(self):
        return f"{self.get_city_tier_display()} · {self.get_item_display()} {self.rate}% ({self.valid_from})"

    def natural_key(self):
        return (self.city_tier, self.item, self.valid_from.isoformat())

    note = Localized()

    def clean(self):
        """The constraints above, as messages on the field to fix."""
        if None not in (self.base_floor, self.base_ceiling) and self.base_floor > self.base_ceiling:
            raise ValidationError({"base_ceiling": _("Must be at least the base floor (%(floor)s).")
                                   % {"floor": self.base_floor}})
