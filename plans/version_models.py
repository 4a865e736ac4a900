"""A plan's history: one immutable version per saved change.

Kept apart from ``plans.models`` (which imports it at its end) so the history can grow without touching
the plan's own models.
"""
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.text import pick


class Change(models.TextChoices):
    """What kind of save made a version."""

    BASELINE = "baseline", _("History began")
    CREATED = "created", _("Created")
    COPIED = "copied", _("Copied")
    RENAMED = "renamed", _("Renamed")
    ROLE_EDITED = "role_edited", _("Role edited")
    ROLE_ADDED = "role_added", _("Role added")
    ROLE_REMOVED = "role_removed", _("Role removed")
    REPLANNED = "replanned", _("Re-planned")
    RESTORED = "restored", _("Restored")


class PlanVersionQuerySet(models.QuerySet):
    def listed(self):
        """History lists: who and what, without the (large) snapshots."""
        return self.select_related("author").defer("snapshot")


class PlanVersion(models.Model):
    """A plan as it was after one saved change: who saved it, when, what changed, and a full snapshot.

    Rows are written once, in the edit's own transaction, and never changed; ``schema_version`` says which
    shape the snapshot has, so ``plans.snapshots.read_snapshot`` can upgrade old ones after migrations.
    """

    plan = models.ForeignKey("plans.TeamPlan", models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("saved by"))
    kind = models.CharField(_("kind of change"), max_length=20, choices=Change.choices)
    summary = models.JSONField(_("summary"), default=list, blank=True,
                               help_text=_("What changed since the version before, in both languages."))
    schema_version = models.PositiveSmallIntegerField(_("snapshot schema version"))
    snapshot = models.JSONField(_("snapshot"), encoder=DjangoJSONEncoder)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")]

    def __str__(self):
        return f"{self.plan_id} v{self.number}"

    def get_absolute_url(self):
        return reverse("plans:version", args=[self.plan_id, self.number])

    @property
    def summary_lines(self) -> list[str]:
        return [pick(entry) for entry in self.summary]

    @property
    def summary_text(self) -> str:
        return gettext("; ").join(self.summary_lines)
