"""Submitting, approving and returning plans, and commenting on them: keyword-only atomic services.

The state machine (``plans.review_models.Reviewed``) says which step may follow which; these services add who may
take it (the owner submits; an approver other than the owner approves or returns) and write the review log,
and a decision is mailed to the owner once it is committed.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_fsm import can_proceed

from .models import PlanReview, PlanStatus, PlanVersion, TeamPlan
from .review_models import ReviewEvent

ERR_LOCKED = _("This plan is %(status)s and cannot be changed. Start a new draft from this version to change it.")
ERR_STEP = _("A plan that is %(status)s cannot be %(step)s.")
ERR_OWN = _("You cannot approve or return your own plan: another approver has to review it.")
ERR_NOT_APPROVER = _("Only approvers can approve or return a plan.")
ERR_NOT_OWNER = _("Only the plan's owner can submit it.")
ERR_COMMENT = _("comment: say what should change; a plan is returned with a comment.")
STEP_NAMES = {"submit": _("submitted"), "approve": _("approved"), "send_back": _("returned")}
MAIL_SUBJECT = {ReviewEvent.APPROVED: _("Your team plan “%(name)s” was approved"),
                ReviewEvent.RETURNED: _("Your team plan “%(name)s” was returned for changes")}
MAIL_BODY = _("%(reviewer)s %(event)s version %(version)s of “%(name)s”.\n\n%(comment)s\n\n%(url)s")


def ensure_editable(plan, status):
    """Called by every edit under the plan's row lock: a submitted or approved plan refuses (a ``locked`` error that
    names the status); a returned one becomes a draft again."""
    plan.status = status
    if plan.locked:
        raise ValidationError(ERR_LOCKED % {"status": plan.get_status_display()}, code="locked")
    if status == PlanStatus.RETURNED:
        plan.reopen()
        _save_status(plan)


def _lock(plan):
    plan.status = TeamPlan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)


def _step(plan, step):
    method = getattr(plan, step)
    if not can_proceed(method):
        raise ValidationError(ERR_STEP % {"status": plan.get_status_display(), "step": STEP_NAMES[step]},
                              code="conflict")
    method()
    _save_status(plan)


def _save_status(plan):
    """The status is part of what the plan shows, so it moves the revision every cached rendering is keyed on."""
    plan.updated_at = timezone.now()
    TeamPlan.objects.filter(pk=plan.pk).update(status=plan.status, updated_at=plan.updated_at)


def _log(plan, event, user, comment):
    version = PlanVersion.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True).first()
    return PlanReview.objects.create(plan=plan, version=version, event=event, author=user, comment=comment.strip())


@transaction.atomic
def plan_submit(*, plan: TeamPlan, user, comment="") -> PlanReview:
    if plan.owner_id != user.pk:
        raise PermissionDenied(ERR_NOT_OWNER)
    _lock(plan)
    _step(plan, "submit")
    return _log(plan, ReviewEvent.SUBMITTED, user, comment)


def _check_approver(plan, user):
    if not user.has_perm("plans.approve_teamplan"):
        raise PermissionDenied(ERR_NOT_APPROVER)
    if plan.owner_id == user.pk:
        raise PermissionDenied(ERR_OWN)


@transaction.atomic
def plan_approve(*, plan: TeamPlan, user, comment="") -> PlanReview:
    _check_approver(plan, user)
    _lock(plan)
    _step(plan, "approve")
    review = _log(plan, ReviewEvent.APPROVED, user, comment)
    transaction.on_commit(lambda: mail_owner(review))
    return review


@transaction.atomic
def plan_return(*, plan: TeamPlan, user, comment) -> PlanReview:
    _check_approver(plan, user)
    if not (comment or "").strip():
        raise ValidationError({"comment": ERR_COMMENT})
    _lock(plan)
    _step(plan, "send_back")
    review = _log(plan, ReviewEvent.RETURNED, user, comment)
    transaction.on_commit(lambda: mail_owner(review))
    return review


@transaction.atomic
def plan_comment(*, plan: TeamPlan, user, comment) -> PlanReview:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("comment: write something to post.")})
    return _log(plan, ReviewEvent.COMMENTED, user, comment)


def mail_owner(review, *, base_url=""):
    """The decision, mailed to the plan's owner in Chinese (the interface's default); no address, no mail."""
    plan = review.plan
    if not plan.owner.email:
        return
    with override("zh-hans"):
        params = {"name": plan.company_name, "reviewer": review.author.get_username() if review.author else "—",
                  "event": review.get_event_display(), "version": review.version or "—",
                  "comment": review.comment, "url": base_url + plan.get_absolute_url()}
        send_mail(str(MAIL_SUBJECT[review.event] % params), str(MAIL_BODY % params), None, [plan.owner.email])


def review_log(plan):
    """The plan's review steps and comments, newest first, in one query."""
    return PlanReview.objects.filter(plan=plan).select_related("author")
