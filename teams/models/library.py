"""The role library: roles, their duties and capabilities, and the KPIs each role is measured by.

Everything here is data an admin edits; the engine (``teams.engine``) only interprets it.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.choices import Source
from common.graph import walk_up
from common.querysets import CodeQuerySet
from common.text import Localized
from kpis.models import KPITemplate

from ..choices import QualificationKind, Tier

code_help = _("Stable lowercase code used by rules, imports and the API.")


class RoleQuerySet(CodeQuerySet):
    def with_library(self):
        """Roles with everything the library pages and exports show, in a fixed number of queries."""
        return self.select_related("default_parent").prefetch_related(
            "duties", "capabilities", models.Prefetch("role_kpis", queryset=_role_kpis())
        )

    def with_spec(self):
        """What a role's own page and the API show: the library, plus its requirements (任职要求)."""
        return self.with_library().prefetch_related("qualifications")


def _role_kpis():
    return RoleKPI.objects.select_related("kpi").order_by("order", "id")


class Role(models.Model):
    """A role template (岗位模板) such as 操盘手 or 内容运营."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=code_help)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    is_core = models.BooleanField(_("core role"), default=False)
    default_parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("reports to by default"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    leads_tier = models.CharField(
        _("heads the tier"), max_length=10, choices=Tier.choices, blank=True,
        help_text=_("A tier head: added between the lead and this tier's roles when more than eight report to the "
                    "lead."),
    )
    budget_merge_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("when cut, merged into"),
        help_text=_("The role that takes over this one's duties when a budget cuts it; empty = its manager."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)
    is_active = models.BooleanField(
        _("in use"), default=True,
        help_text=_("A retired role is no longer recommended or offered for new plans; plans that have it keep it."),
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(condition=~Q(default_parent=models.F("id")), name="role_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.name_zh} ({self.code})"

    def natural_key(self):
        return (self.code,)

    def clean(self):
        """A default reporting line may not lead back to the role: plans and charts walk it upwards."""
        if self.pk is None:
            return  # a new role has no one below it yet
        parents = dict(Role.objects.exclude(pk=self.pk).values_list("pk", "default_parent_id"))
        parents[self.pk] = self.default_parent_id
        chain = list(walk_up(self.pk, parents.get))
        if chain and chain[-1] == self.pk:
            codes = {**dict(Role.objects.filter(pk__in=chain).values_list("pk", "code")), self.pk: self.code}
            raise ValidationError({"default_parent": _("“%(parent)s” cannot be the default manager: the "
                                                       "reporting line would loop (%(chain)s).") % {
                "parent": self.default_parent.code, "chain": " → ".join(codes[pk] for pk in [self.pk, *chain])}})

    name = Localized()

    summary = Localized()


class RoleTextQuerySet(models.QuerySet):
    def get_by_natural_key(self, role_code, order):
        return self.get(role__code=role_code, order=order)


class RoleText(models.Model):
    """An ordered bilingual line hanging off a role (a duty or a capability)."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)

    objects = RoleTextQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.text_zh[:40]

    def natural_key(self):
        return (self.role.code, self.order)

    natural_key.dependencies = ["teams.role"]

    text = Localized()


class Duty(RoleText):
    """What a person in the role does."""

    role = models.ForeignKey(Role, models.CASCADE, related_name="duties", verbose_name=_("role"))

    class Meta(RoleText.Meta):
        constraints = [models.UniqueConstraint(fields=["role", "order"], name="duty_unique_role_order")]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")


class Capability(RoleText):
    """What a person in the role must be able to do (capability model)."""

    role = models.ForeignKey(Role, models.CASCADE, related_name="capabilities", verbose_name=_("role"))

    class Meta(RoleText.Meta):
        constraints = [models.UniqueConstraint(fields=["role", "order"], name="capability_unique_role_order")]
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")

class Qualification(RoleText):
    """What the person hired must bring (任职要求): education, experience, a skill or a tool, printed in role specs.

    The seeds describe capability models, not hiring bars, so most lines are ``derived``; ``note`` says how.
    """

    role = models.ForeignKey(Role, models.CASCADE, related_name="qualifications", verbose_name=_("role"))
    kind = models.CharField(_("kind"), max_length=12, choices=QualificationKind.choices)
    note_zh = models.TextField(_("note (Chinese)"), blank=True, help_text=_("How a derived line was inferred."))
    note_en = models.TextField(_("note (English)"), blank=True)

    class Meta(RoleText.Meta):
        constraints = [models.UniqueConstraint(fields=["role", "order"], name="qualification_unique_role_order")]
        verbose_name = _("requirement (任职要求)")
        verbose_name_plural = _("requirements (任职要求)")

    note = Localized()

    @property
    def kind_order(self):
        """Education, experience, skills, tools: the order role specs print them in."""
        return QualificationKind.values.index(self.kind) if self.kind in QualificationKind.values else 99


class RoleKPIQuerySet(models.QuerySet):
    def get_by_natural_key(self, role_code, kpi_code):
        return self.get(role__code=role_code, kpi__code=kpi_code)


class RoleKPI(models.Model):
    """A KPI a role is measured by, with its default weight in the role's KPI sheet."""

    role = models.ForeignKey(Role, models.CASCADE, related_name="role_kpis", verbose_name=_("role"))
    kpi = models.ForeignKey(KPITemplate, models.CASCADE, related_name="role_kpis", verbose_name=_("KPI"))
    weight = models.PositiveSmallIntegerField(_("default weight"), validators=[MaxValueValidator(100)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RoleKPIQuerySet.as_manager()

    class Meta:
        ordering = ["role", "order", "id"]
        db_table = "kpis_rolekpi"  # created by the kpis app before the link moved here
        verbose_name = _("role KPI")
        verbose_name_plural = _("role KPIs")
        constraints = [
            models.UniqueConstraint(fields=["role", "kpi"], name="rolekpi_unique_role_kpi"),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=100), name="rolekpi_weight_0_100"),
        ]

    def __str__(self):
        return f"{self.role.name} · {self.kpi.name}（{self.weight}）"

    def natural_key(self):
        return (self.role.code, self.kpi.code)

    natural_key.dependencies = ["teams.role", "kpis.kpitemplate"]
