"""The bulk export job: who asked, for which plans and documents, how far it has got, and the zip."""
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import CodeListField, split_codes

# No plan's documents take minutes to build, so an export that has not moved for this long has lost its worker
# (stopped, crashed or never started); its page says so and offers to start it again.
STALLED_AFTER = timedelta(minutes=10)


class ExportKind(models.TextChoices):
    ROLE_SPECS_XLSX = "role_specs_xlsx", _("Role specs (Excel)")
    ROLE_SPECS_HR_XLSX = "role_specs_hr_xlsx", _("Role specs, HR copy with codes and sources (Excel)")
    KPI_SHEETS_XLSX = "kpi_sheets_xlsx", _("KPI sheets (Excel)")
    TEAM_COST_XLSX = "team_cost_xlsx", _("Team cost (Excel)")
    ORG_CHART_PDF = "org_chart_pdf", _("Org chart (PDF)")
    KPI_SHEETS_PDF = "kpi_sheets_pdf", _("KPI sheets (PDF)")
    ROLE_SPECS_PDF = "role_specs_pdf", _("Role specs (PDF)")
    ROLE_SPECS_DOCX = "role_specs_docx", _("Role specs (Word)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Building")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class BulkExport(models.Model):
    """A zip of many plans' documents that a background task builds; only its requester downloads it."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="bulk_exports",
                                     verbose_name=_("requested by"))
    plans = models.ManyToManyField("plans.TeamPlan", related_name="+", verbose_name=_("plans"))
    kinds = CodeListField(_("documents"), choices_class=ExportKind)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total = models.PositiveIntegerField(_("plans to export"), default=0)
    done = models.PositiveIntegerField(_("plans exported"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    progressed_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bulk export")
        verbose_name_plural = _("bulk exports")
        constraints = [models.CheckConstraint(condition=models.Q(done__lte=models.F("total")),
                                              name="bulkexport_done_le_total")]

    def __str__(self):
        return f"{self.requested_by} · {self.created_at:%Y-%m-%d %H:%M} · {self.done}/{self.total}"

    def get_absolute_url(self):
        return reverse("plans:export", args=[self.pk])

    def is_visible_to(self, user):
        """Only the person who asked for it (and superusers): the zip holds every plan they could read."""
        return self.requested_by_id == user.pk or user.is_superuser

    @property
    def finished(self):
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}

    @property
    def stalled(self):
        """Unfinished and unmoved for ``STALLED_AFTER``: the worker that had it is gone."""
        moved = self.progressed_at or self.created_at
        return not self.finished and moved is not None and timezone.now() - moved > STALLED_AFTER

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.done / self.total)

    def kind_labels(self):
        return [ExportKind(code).label for code in split_codes(self.kinds)]
