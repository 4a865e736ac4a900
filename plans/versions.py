"""Recording and reading a plan's versions.

Every plan service records one version at its end, in the edit's own transaction (through
``plans.services._touch`` or directly), so a change and its version commit or roll back together.
A save made of several services (a re-plan that re-applies the owner's kept edits) records one version:
the inner services run inside :func:`held`.
"""
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _

from common.text import bilingual

from .diff import PlanState, bilingual_summary, diff_states, plan_state
from .models import PlanRole
from .snapshots import SCHEMA_VERSION, materialize, read_snapshot, take_snapshot
from .version_models import Change, PlanVersion

MSG_FIRST = _("%(roles)s roles, %(people)s people, ¥%(cost)s a month")
MSG_RESTORED = _("Restored version %(number)s")

_held = ContextVar("plan_versions_held", default=False)


@contextmanager
def held():
    """Services called inside record no version; the save that called them records one for all."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def state_of(snapshot) -> PlanState:
    return plan_state(*materialize(snapshot))


def record_version(*, plan, kind, restored=None):
    """Write the plan as it now is as its next version, with a summary of what changed since the last one.

    The owner is the author: only the owner may change a plan. Call it inside the edit's transaction,
    after the plan's row lock (``services._lock_plan``), so numbers never collide.
    """
    if _held.get():
        return None
    roles = list(PlanRole.objects.filter(plan=plan).prefetch_related("kpis"))
    snapshot = take_snapshot(plan, roles)
    previous = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    state = state_of(snapshot)
    if previous is None:
        summary = [bilingual(MSG_FIRST, roles=sum(1 for r in state.roles if r.merged_into is None),
                             people=state.headcount, cost=f"{state.monthly_cost:,}").as_json()]
    else:
        summary = bilingual_summary(diff_states(state_of(read_snapshot(previous)), state))
    if restored is not None:
        summary = [bilingual(MSG_RESTORED, number=restored.number).as_json(), *summary]
    return PlanVersion.objects.create(
        plan=plan, number=previous.number + 1 if previous else 1, author_id=plan.owner_id, kind=kind,
        summary=summary, schema_version=SCHEMA_VERSION, snapshot=snapshot)


def history(plan):
    """The plan's versions, newest first, in one query whatever their number."""
    return PlanVersion.objects.filter(plan=plan).listed()


def get_version(plan, number):
    return PlanVersion.objects.select_related("author").filter(plan=plan, number=number).first()


__all__ = ["Change", "PlanVersion", "get_version", "held", "history", "record_version", "state_of"]
