"""Saved team plans.

A plan keeps a frozen copy of the roles, duties and KPIs as they were when it was made, so a
later edit of the library never changes a plan somebody has already exported or signed off.
"""
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.choices import CityTier, Industry, Phase, SizeTier, Source
from common.text import Localized
from kpis.choices import Direction, Family, Frequency, Unit
from teams.choices import Placement, Requirement, Tier
from teams.engine import (
    CAMPAIGN,
    COMPANY_NAME_MAX,
    LEAD,
    LIMITS,
    PROFILE_FIELDS,
    CompanyProfile,
    Cost,
    OnCostSpec,
    role_cost,
)
from teams.models import Role

from .review_models import Reviewed


def within(name):
    """Validators for a profile field's limits, declared once with the engine's profile."""
    low, high = LIMITS[name]
    return [MinValueValidator(low), MaxValueValidator(high)]


class Profile(models.Model):
    """The company answers the wizard asks for; shared by drafts and plans."""

    company_name = models.CharField(_("company name"), max_length=COMPANY_NAME_MAX)
    employees = models.PositiveIntegerField(_("employees"), validators=within("employees"))
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    strategic = models.BooleanField(_("private domain is a strategic priority"), default=False)
    live_streaming = models.BooleanField(_("live streaming"), default=False)
    business_lines = models.PositiveSmallIntegerField(
        _("business lines"), default=1, validators=within("business_lines")
    )
    member_share = models.PositiveSmallIntegerField(
        _("members' share of customers (%)"), default=0, validators=within("member_share")
    )
    headcount_budget = models.PositiveSmallIntegerField(
        _("headcount budget"), null=True, blank=True, validators=within("headcount_budget")
    )
    private_domain_users = models.PositiveIntegerField(
        _("private-domain users"), null=True, blank=True, validators=within("private_domain_users")
    )
    communities = models.PositiveIntegerField(_("communities run"), default=0, validators=within("communities"))
    stores = models.PositiveIntegerField(_("offline stores"), default=0, validators=within("stores"))
    sku_count = models.PositiveIntegerField(_("SKUs on sale"), null=True, blank=True, validators=within("sku_count"))
    has_mall = models.BooleanField(_("runs its own mini-program mall"), default=False)
    city_tier = models.CharField(_("city tier"), max_length=10, choices=CityTier.choices, default=CityTier.TIER2)
    monthly_budget = models.PositiveIntegerField(
        _("monthly budget (yuan)"), null=True, blank=True, validators=within("monthly_budget"),
        help_text=_("What the team may cost a month, the employer's social insurance and housing fund included."),
    )

    class Meta:
        abstract = True

    def workload_display(self) -> list[str]:
        """The workload figures the manager gave, as short phrases; unknown ones are left out."""
        parts = []
        if self.private_domain_users is not None:
            parts.append(_("%(n)s private-domain users") % {"n": f"{self.private_domain_users:,}"})
        if self.communities:
            parts.append(_("%(n)s communities") % {"n": f"{self.communities:,}"})
        if self.stores:
            parts.append(_("%(n)s stores") % {"n": f"{self.stores:,}"})
        if self.sku_count is not None:
            parts.append(_("%(n)s SKUs") % {"n": f"{self.sku_count:,}"})
        if self.has_mall:
            parts.append(str(_("own mini-program mall")))
        return parts

    def profile(self) -> CompanyProfile:
        return CompanyProfile(**{name: getattr(self, name) for name in PROFILE_FIELDS})


class TeamPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see their own plans; users allowed to view every plan (HR) see all."""
        if user.has_perm("plans.view_teamplan"):
            return self
        return self.filter(owner=user)

    def with_totals(self):
        """List pages: headcount and staffed roles per plan in the same query, the newest first (an aggregate
        query drops ``Meta.ordering``, so the order is given here)."""
        return self.select_related("owner").annotate(
            headcount_total=Coalesce(Sum("roles__headcount"), 0),
            role_count=Count("roles", filter=Q(roles__merged_into__isnull=True)),
        ).order_by("-updated_at", "-id")

    def with_team(self, *, kpis=True, texts=True):
        """Roles and their KPIs in a fixed number of queries, whatever the team's size.

        Reporting lines are linked in memory by ``TeamPlan.team``, not joined. Pages that show no
        duties or capabilities leave those (large) texts unread.
        """
        return self.select_related("owner").prefetch_related(*team_lookups(kpis=kpis, texts=texts))


def team_lookups(*, kpis=True, texts=True):
    """The prefetches of ``with_team``, also for a plan already read (``prefetch_related_objects``)."""
    roles = PlanRole.objects.all() if texts else PlanRole.objects.defer(*PlanRole.TEXT_FIELDS)
    return [models.Prefetch("roles", queryset=roles)] + (["roles__kpis"] if kpis else [])


class TeamPlan(Profile, Reviewed):
    """A team plan (团队方案) made by the recommendation engine and adjusted by its owner."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="plans",
                              verbose_name=_("owner"))
    size_tier = models.CharField(_("size tier"), max_length=10, choices=SizeTier.choices)
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices)
    placement_reasons = models.JSONField(_("placement reasons"), default=list, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    on_cost_rules = models.JSONField(
        _("employer on-costs"), default=list, blank=True,
        help_text=_("The city tier's contribution rates and bases when the plan was made (a frozen copy)."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TeamPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [  # the plan list's page, HR's (every plan) and a manager's own, newest first
            models.Index(fields=["-updated_at", "-id"], name="teamplan_newest"),
            models.Index(fields=["owner", "-updated_at", "-id"], name="teamplan_owner_newest"),
        ]
        verbose_name = _("team plan")
        verbose_name_plural = _("team plans")
        permissions = [("approve_teamplan", _("Can approve or return team plans"))]

    def __str__(self):
        return f"{self.company_name} · {self.get_phase_display()}"

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def revision(self):
        """Changes with every edit (each service saves ``updated_at`` in the edit's transaction), so
        renderings cached under it are never stale and never need invalidating."""
        return f"{self.pk}@{self.updated_at.isoformat()}"

    def is_visible_to(self, user):
        """Its owner, and users allowed to view every plan (HR), see it; the owner needs no permission lookup."""
        return self.owner_id == user.pk or user.has_perm("plans.view_teamplan")

    def allows(self, user, action):
        """Changing, deleting or copying a plan: its owner, with the group's right to do so."""
        return self.owner_id == user.pk and user.has_perm(f"plans.{action}_teamplan")

    @property
    def penalties_apply(self):
        """No penalty tier while the private-domain business is still being tested [S3]."""
        return self.phase != Phase.LAUNCH

    @cached_property
    def team(self):
        """The plan's roles with managers, merge targets and absorbed roles linked in memory."""
        roles = list(self.roles.all())
        by_id = {role.pk: role for role in roles}
        for role in roles:
            role.reports_to = by_id.get(role.reports_to_id)
            role.merged_into = by_id.get(role.merged_into_id)
            role.absorbed_roles = [other for other in roles if other.merged_into_id == role.pk]
        return roles

    def staffed_roles(self):
        return [role for role in self.team if role.staffed]

    @property
    def total_headcount(self):
        return sum(role.headcount for role in self.roles.all())

    @cached_property
    def on_cost_specs(self):
        return tuple(OnCostSpec(city_tier=self.city_tier, item=rule["item"], rate=Decimal(rule["rate"]),
                                base_floor=rule["base_floor"], base_ceiling=rule["base_ceiling"],
                                valid_from=date.fromisoformat(rule["valid_from"])) for rule in self.on_cost_rules)

    @property
    def cost(self) -> Cost:
        """What the team costs with the salaries in the plan (the band's median, or the manager's figure)."""
        return sum((role.cost for role in self.staffed_roles()), Cost())

    @property
    def budget_gap(self):
        """Yuan a month under (positive) or over (negative) the money budget; None without one."""
        return None if self.monthly_budget is None else self.monthly_budget - self.cost.monthly

    @property
    def over_budget(self):
        gap = self.budget_gap
        return -gap if gap is not None and gap < 0 else 0


class PlanRole(models.Model):
    """A role in a plan: how many people, to whom they report, and a frozen copy of the template."""

    plan = models.ForeignKey(TeamPlan, models.CASCADE, related_name="roles", verbose_name=_("plan"))
    role = models.ForeignKey(Role, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("library role"))
    code = models.SlugField(_("code"), max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    requirement = models.CharField(_("requirement"), max_length=12, choices=Requirement.choices)
    headcount = models.PositiveSmallIntegerField(_("headcount"), validators=[MaxValueValidator(1000)])
    salary_p25 = models.PositiveIntegerField(_("salary P25"), null=True, blank=True)
    salary_p50 = models.PositiveIntegerField(_("salary P50"), null=True, blank=True)
    salary_p75 = models.PositiveIntegerField(_("salary P75"), null=True, blank=True)
    salary = models.PositiveIntegerField(
        _("monthly salary (yuan)"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)],
        help_text=_("Per person, before the employer's on-costs; the band's median unless you set your own."))
    months_per_year = models.DecimalField(_("months paid a year"), max_digits=4, decimal_places=1,
                                          default=Decimal(13))
    team_leads = models.PositiveSmallIntegerField(
        _("team leads"), default=0, help_text=_("How many of the role's people lead a group of it."))
    reports_to = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="reports",
                                   verbose_name=_("reports to"))
    merged_into = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="absorbed",
                                    verbose_name=_("merged into"))
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    duties = models.JSONField(_("duties"), default=list, blank=True)
    capabilities = models.JSONField(_("capabilities"), default=list, blank=True)
    qualifications = models.JSONField(_("requirements (任职要求)"), default=list, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)

    TEXT_FIELDS = ("duties", "capabilities", "qualifications", "summary_zh", "summary_en")

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("plan role")
        verbose_name_plural = _("plan roles")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="planrole_unique_plan_code"),
            models.CheckConstraint(condition=~Q(reports_to=models.F("id")), name="planrole_not_own_manager"),
        ]

    def __str__(self):
        return f"{self.name_zh} × {self.headcount}"

    name = Localized()

    summary = Localized()

    @property
    def cost(self) -> Cost:
        if not self.staffed or self.salary is None:
            return Cost()
        return role_cost(self.headcount, self.salary, self.months_per_year, self.plan.on_cost_specs)

    @property
    def salary_band(self):
        return None if self.salary_p50 is None else {"p25": self.salary_p25, "p50": self.salary_p50,
                                                     "p75": self.salary_p75}

    @property
    def staffed(self):
        return self.merged_into_id is None

    @property
    def is_lead(self):
        return self.code == LEAD

    @property
    def has_gmv_tree(self):
        return self.code == CAMPAIGN

    @property
    def weight_total(self):
        return sum(kpi.weight for kpi in self.kpis.all())


class PlanKPI(models.Model):
    """A KPI on a plan role's sheet, with weight, target and its scoring band.

    The band (see ``plans.exports.formulas``): 0 below ``threshold``, 60 at it, rising linearly to 100 at
    ``met_threshold`` and to 120 at ``exceeded_threshold``, where it is capped.
    """

    plan_role = models.ForeignKey(PlanRole, models.CASCADE, related_name="kpis", verbose_name=_("plan role"))
    code = models.SlugField(_("code"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=120)
    definition_zh = models.TextField(_("definition (Chinese)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    formula_zh = models.CharField(_("formula (Chinese)"), max_length=300, blank=True)
    formula_en = models.CharField(_("formula (English)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    family = models.CharField(_("family"), max_length=12, choices=Family.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MaxValueValidator(100)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0"))])
    threshold = models.PositiveSmallIntegerField(
        _("scored from (percent of target)"), default=80, validators=[MaxValueValidator(1000)],
        help_text=_("Below it a KPI scores 0; from it the score rises in a straight line to 100 at the "
                    "“met from” point and on to 120 at the “exceeded from” point (the cap)."),
    )
    met_threshold = models.PositiveSmallIntegerField(
        _("met from (percent of target)"), default=100, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    exceeded_threshold = models.PositiveSmallIntegerField(
        _("exceeded from (percent of target)"), default=120, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("plan KPI")
        verbose_name_plural = _("plan KPIs")
        constraints = [
            models.UniqueConstraint(fields=["plan_role", "code"], name="plankpi_unique_role_code"),
            models.CheckConstraint(condition=Q(weight__lte=100), name="plankpi_weight_le_100"),
            models.CheckConstraint(condition=Q(met_threshold__lt=models.F("exceeded_threshold")),
                                   name="plankpi_met_below_exceeded"),
            models.CheckConstraint(condition=Q(threshold__lt=models.F("met_threshold")),
                                   name="plankpi_scored_below_met",
                                   violation_error_message=_("“Scored from” must be below “met from”.")),
        ]

    EDITABLE = ("weight", "target", "threshold", "met_threshold", "exceeded_threshold")  # what an owner may change

    def __str__(self):
        return f"{self.name_zh} ({self.weight})"

    name = Localized()

    definition = Localized()

    formula = Localized()


class WizardDraft(models.Model):
    """Wizard answers saved at every step, so any app server can serve the next one and a manager can resume.

    ``answers`` holds codes and numbers keyed by the profile field names.
    """

    answers = models.JSONField(_("answers"), default=dict, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="wizard_drafts",
                              verbose_name=_("owner"))
    plan = models.ForeignKey(TeamPlan, models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("plan being re-planned"))
    step = models.PositiveSmallIntegerField(_("furthest step"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("wizard draft")
        verbose_name_plural = _("wizard drafts")

    def __str__(self):
        return f"{self.owner} · {self.answers.get('company_name', '—')}"


from .bulk.models import BulkExport  # noqa: E402, F401  (the export job lives beside its task)
from .review_models import PlanReview, PlanStatus  # noqa: E402, F401 — the review lives in its own module
from .version_models import Change, PlanVersion  # noqa: E402, F401 — the history lives in its own module
