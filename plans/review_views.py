"""The review panel on a plan's page and the buttons behind it: submit, approve, return, comment."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_fsm import can_proceed

from . import review
from .models import TeamPlan

STEPS = {"submit": review.plan_submit, "approve": review.plan_approve, "return": review.plan_return,
         "comment": review.plan_comment}
DONE = {"submit": gettext_lazy("Plan submitted for approval."), "approve": gettext_lazy("Plan approved."),
        "return": gettext_lazy("Plan returned to its owner."), "comment": gettext_lazy("Comment posted.")}


class CommentForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))


def review_panel(plan, user):
    """What the plan page shows of the review: the status, the log, and the steps this user may take."""
    is_owner = plan.owner_id == user.pk
    approver = not is_owner and user.has_perm("plans.approve_teamplan")
    return {
        "log": review.review_log(plan), "form": CommentForm(),
        "can_submit": is_owner and user.has_perm("plans.change_teamplan") and can_proceed(plan.submit),
        "can_decide": approver and can_proceed(plan.approve),
        "can_comment": is_owner or user.has_perm("plans.view_teamplan"),
        "own_submitted": is_owner and plan.status == "submitted" and user.has_perm("plans.approve_teamplan"),
    }


@login_required
@require_POST
def review_step(request, pk, step):
    plan = TeamPlan.objects.select_related("owner").filter(pk=pk).first()
    if plan is None or not plan.is_visible_to(request.user) or step not in STEPS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        STEPS[step](plan=plan, user=request.user, comment=comment)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, DONE[step])
    return redirect(plan)
