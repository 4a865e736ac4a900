"""A plan's history pages: the versions, one version as it was, the changes between two, and restoring one."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .diff import describe, diff_states, plan_state
from .restore import plan_restore_version
from .snapshots import materialize, read_snapshot
from .versions import get_version, history, state_of
from .views import get_plan

PER_PAGE = 50


def _version(plan, number):
    version = get_version(plan, number)
    if version is None:
        raise Http404
    return version


@login_required
def plan_history(request, pk):
    plan = get_plan(request.user, pk, team=False)
    page = Paginator(history(plan), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "plans/history.html", {
        "plan": plan, "page": page, "editable": plan.allows(request.user, "change"),
    })


@login_required
def version_detail(request, pk, number):
    plan = get_plan(request.user, pk, team=False)
    version = _version(plan, number)
    snapshot, roles = materialize(read_snapshot(version), plan_id=plan.pk)
    latest = history(plan).values_list("number", flat=True).first()
    return render(request, "plans/version.html", {
        "plan": plan, "version": version, "snapshot": snapshot, "latest": latest, "state": plan_state(snapshot, roles),
        "staffed": [role for role in roles if role.staffed], "merged": [role for role in roles if not role.staffed],
        "editable": plan.allows(request.user, "change") and not plan.locked and number != latest,
    })


def _number(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@login_required
def version_diff(request, pk):
    """``?from=<number>&to=<number>``: what changed from one version to another, change by change."""
    plan = get_plan(request.user, pk, team=False)
    numbers = (_number(request, "from"), _number(request, "to"))
    if None in numbers:
        messages.error(request, _("Choose two versions to compare."))
        return redirect("plans:history", plan.pk)
    old, new = (_version(plan, number) for number in numbers)
    before, after = state_of(read_snapshot(old)), state_of(read_snapshot(new))
    return render(request, "plans/version_diff.html", {
        "plan": plan, "old": old, "new": new, "changes": [describe(d) for d in diff_states(before, after)],
        "before": before, "after": after,
    })


@login_required
@require_POST
def version_restore(request, pk, number):
    plan = get_plan(request.user, pk, action="change", team=False)
    try:
        version = plan_restore_version(plan=plan, version=_version(plan, number))
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("plans:history", plan.pk)
    messages.success(request, _("Version %(old)s restored as version %(new)s.") % {
        "old": number, "new": version.number})
    return redirect(plan)
