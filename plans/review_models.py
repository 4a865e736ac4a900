"""A plan's review: its status as a state machine (django-fsm-2) and the log of submissions, decisions and comments.

draft → submitted → approved, or → returned (with a comment) → draft again on the owner's next edit. A submitted
or approved plan cannot be changed in place; the owner starts a new draft from it instead.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


LOCKED = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


class Reviewed(models.Model):
    """The status field and its transitions; the services in ``plans.review`` decide who may fire them."""

    status = FSMField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)

    class Meta:
        abstract = True

    @transition(field=status, source=[PlanStatus.DRAFT, PlanStatus.RETURNED], target=PlanStatus.SUBMITTED)
    def submit(self):
        """The owner hands the plan in for approval."""

    @transition(field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.APPROVED)
    def approve(self):
        """An approver signs it off."""

    @transition(field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.RETURNED)
    def send_back(self):
        """An approver returns it to the owner with a comment."""

    @transition(field=status, source=PlanStatus.RETURNED, target=PlanStatus.DRAFT)
    def reopen(self):
        """The owner's first edit after a return makes it a draft again."""

    @property
    def locked(self):
        return self.status in LOCKED


class ReviewEvent(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    COMMENTED = "commented", _("Commented")


class PlanReview(models.Model):
    """One step of a plan's review, or a comment on it; visible to its owner, HR and approvers."""

    plan = models.ForeignKey("plans.TeamPlan", models.CASCADE, related_name="reviews", verbose_name=_("plan"))
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    event = models.CharField(_("event"), max_length=12, choices=ReviewEvent.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("by"))
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")

    def __str__(self):
        return f"{self.plan_id} {self.event}"
