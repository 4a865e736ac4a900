"""The rules the recommendation engine reads: size thresholds, staffing, sizing and placement rules.

Everything here is data an admin edits; the engine (``teams.engine``) only interprets it.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.choices import Industry, Phase, SizeTier, Source
from common.fields import CodeListField
from common.querysets import CodeQuerySet
from common.text import Localized

from ..choices import Driver, Placement, Requirement, StaffingAction
from .library import Role, code_help


class SizeThresholdQuerySet(models.QuerySet):
    def get_by_natural_key(self, tier):
        return self.get(tier=tier)


class SizeThreshold(models.Model):
    """The smallest employee count of a size tier; admins move the boundaries."""

    tier = models.CharField(_("size tier"), max_length=10, choices=SizeTier.choices, unique=True)
    min_employees = models.PositiveIntegerField(_("from employees"), validators=[MinValueValidator(1)])

    objects = SizeThresholdQuerySet.as_manager()

    class Meta:
        ordering = ["min_employees"]
        verbose_name = _("size threshold")
        verbose_name_plural = _("size thresholds")

    def __str__(self):
        return f"{self.get_tier_display()} ≥ {self.min_employees}"

    def natural_key(self):
        return (self.tier,)


class RuleConditions(models.Model):
    """When a rule applies. Every blank condition matches any company."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=code_help)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=50, help_text=_("When several rules match, the highest priority wins.")
    )
    phases = CodeListField(_("phases"), choices_class=Phase, help_text=_("Comma-separated; blank = any."))
    size_tiers = CodeListField(_("size tiers"), choices_class=SizeTier, help_text=_("Comma-separated; blank = any."))
    industries = CodeListField(_("industries"), choices_class=Industry, help_text=_("Comma-separated; blank = any."))
    strategic = models.BooleanField(_("strategic priority"), null=True, blank=True)
    live_streaming = models.BooleanField(_("live streaming"), null=True, blank=True)
    min_business_lines = models.PositiveSmallIntegerField(_("from business lines"), null=True, blank=True)
    min_member_share = models.PositiveSmallIntegerField(
        _("from member share (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    min_stores = models.PositiveIntegerField(_("from stores"), null=True, blank=True)
    has_mall = models.BooleanField(_("runs its own mall"), null=True, blank=True)
    max_sku_count = models.PositiveIntegerField(
        _("up to SKUs"), null=True, blank=True,
        help_text=_("Matches only when the SKU count is known and at most this."),
    )
    rationale_zh = models.TextField(_("rationale (Chinese)"))
    rationale_en = models.TextField(_("rationale (English)"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-priority", "code"]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)

    rationale = Localized()


class StaffingRule(RuleConditions):
    """If the company matches, staff a role (with a headcount range) or merge it into another."""

    role = models.ForeignKey(Role, models.CASCADE, related_name="staffing_rules", verbose_name=_("role"))
    action = models.CharField(_("action"), max_length=10, choices=StaffingAction.choices, default=StaffingAction.STAFF)
    requirement = models.CharField(
        _("requirement"), max_length=12, choices=Requirement.choices, default=Requirement.RECOMMENDED
    )
    merged_into = models.ForeignKey(
        Role, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("merged into"),
        help_text=_("Only for the merge action: the role that takes over the duties."),
    )
    headcount_min = models.PositiveSmallIntegerField(_("headcount from"), default=1)
    headcount_max = models.PositiveSmallIntegerField(_("headcount to"), default=1)

    class Meta(RuleConditions.Meta):
        verbose_name = _("staffing rule")
        verbose_name_plural = _("staffing rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount_min__lte=models.F("headcount_max")), name="staffing_headcount_min_le_max"
            ),
            models.CheckConstraint(
                condition=Q(action__in=[StaffingAction.STAFF, StaffingAction.OMIT], merged_into__isnull=True)
                | (Q(action=StaffingAction.MERGE, merged_into__isnull=False) & ~Q(merged_into=models.F("role"))),
                name="staffing_merge_target_iff_merge",
            ),
        ]

    def clean(self):
        """The constraints above, as messages on the field to fix (the admin form and import rows name it)."""
        errors = {}
        if None not in (self.headcount_min, self.headcount_max) and self.headcount_min > self.headcount_max:
            errors["headcount_max"] = _("Must be at least the headcount from (%(min)s).") % {"min": self.headcount_min}
        if self.action == StaffingAction.MERGE and self.merged_into_id is None:
            errors["merged_into"] = _("A merge rule needs the role that takes over the duties.")
        elif self.action == StaffingAction.MERGE and self.merged_into_id == self.role_id:
            errors["merged_into"] = _("A role cannot be merged into itself.")
        elif self.action != StaffingAction.MERGE and self.merged_into_id is not None:
            errors["merged_into"] = _("Only merge rules name a role to merge into; leave it empty.")
        if errors:
            raise ValidationError(errors)


class SizingRule(models.Model):
    """How many people a staffed role needs: the driver's figure ÷ what one person carries, within a floor and
    ceiling. The staffing rules still decide whether the role exists at all."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=code_help)
    role = models.ForeignKey(Role, models.CASCADE, related_name="sizing_rules", verbose_name=_("role"))
    driver = models.CharField(_("driver"), max_length=30, choices=Driver.choices)
    per_person_low = models.PositiveIntegerField(_("one person carries, from"), validators=[MinValueValidator(1)])
    per_person_high = models.PositiveIntegerField(_("one person carries, to"), validators=[MinValueValidator(1)])
    headcount_min = models.PositiveSmallIntegerField(_("headcount from"), default=1, validators=[MinValueValidator(1)])
    headcount_max = models.PositiveSmallIntegerField(_("headcount to"), default=10)
    span_of_control = models.PositiveSmallIntegerField(
        _("people per team lead"), default=8, validators=[MinValueValidator(2)],
        help_text=_("Above this many people the role is split into groups, each with a team lead."),
    )
    phases = CodeListField(_("phases"), choices_class=Phase, help_text=_("Comma-separated; blank = any."))
    rationale_zh = models.TextField(_("rationale (Chinese)"))
    rationale_en = models.TextField(_("rationale (English)"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["role", "code"]
        verbose_name = _("sizing rule")
        verbose_name_plural = _("sizing rules")
        constraints = [
            models.CheckConstraint(condition=Q(per_person_low__lte=models.F("per_person_high")),
                                   name="sizing_per_person_low_le_high"),
            models.CheckConstraint(condition=Q(headcount_min__lte=models.F("headcount_max")),
                                   name="sizing_headcount_min_le_max"),
        ]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)

    rationale = Localized()

    def clean(self):
        """The constraints above, as messages on the field to fix."""
        errors = {}
        if None not in (self.per_person_low, self.per_person_high) and self.per_person_low > self.per_person_high:
            errors["per_person_high"] = _("Must be at least %(low)s.") % {"low": self.per_person_low}
        if None not in (self.headcount_min, self.headcount_max) and self.headcount_min > self.headcount_max:
            errors["headcount_max"] = _("Must be at least %(low)s.") % {"low": self.headcount_min}
        if errors:
            raise ValidationError(errors)


class PlacementRule(RuleConditions):
    """If the company matches, the team sits in this unit of the organisation."""

    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices)

    class Meta(RuleConditions.Meta):
        verbose_name = _("placement rule")
        verbose_name_plural = _("placement rules")
