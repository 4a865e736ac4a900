"""The KPI library: indicators, how they are computed and judged, and the phases they suit."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.choices import Phase, Source
from common.fields import CodeListField, split_codes
from common.querysets import CodeQuerySet
from common.text import Localized, join_names

from .choices import Direction, Family, Frequency, Unit


class KPITemplateQuerySet(CodeQuerySet):
    def for_phase(self, phase):
        """KPIs that suit a phase; a KPI with no phases listed suits every phase."""
        return self.filter(Q(phases="") | Q(phases__regex=rf"(^|,){phase}(,|$)"))


class KPITemplate(models.Model):
    """A measurable indicator (考核指标) with how it is computed and judged."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=120)
    definition_zh = models.TextField(_("definition (Chinese)"))
    definition_en = models.TextField(_("definition (English)"))
    formula_zh = models.CharField(_("formula (Chinese)"), max_length=300)
    formula_en = models.CharField(_("formula (English)"), max_length=300)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    family = models.CharField(_("family"), max_length=12, choices=Family.choices)
    phases = CodeListField(_("suitable phases"), choices_class=Phase, help_text=_("Comma-separated; blank = any."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.DERIVED)

    objects = KPITemplateQuerySet.as_manager()

    class Meta:
        ordering = ["family", "code"]
        verbose_name = _("KPI template")
        verbose_name_plural = _("KPI templates")

    def __str__(self):
        return f"{self.name_zh} ({self.code})"

    def natural_key(self):
        return (self.code,)

    name = Localized()

    definition = Localized()

    formula = Localized()

    def phases_display(self):
        return join_names(Phase(code).label for code in split_codes(self.phases))
