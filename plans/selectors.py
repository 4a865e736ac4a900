"""Reads for the plan pages that stay cheap however many plans there are."""
from dataclasses import dataclass
from functools import partial

from django.core.paginator import Page, Paginator
from django.utils.functional import SimpleLazyObject

from .models import TeamPlan

PLANS_PER_PAGE = 50


@dataclass(frozen=True)
class PlanListPage:
    """One page of the plan list: ``key`` names what the page shows (each plan's id, revision and owner), so a
    rendering cached under it is never stale; ``plans`` (with their totals) are read only when it is drawn."""

    page: Page
    key: str
    plans: SimpleLazyObject


def plan_list_page(*, user, number) -> PlanListPage:
    """The newest plans first, ``PLANS_PER_PAGE`` at a time: a count and one narrow read of the page's keys, both
    served by the (owner, updated) index, whatever the number of plans."""
    keys = (TeamPlan.objects.visible_to(user).order_by("-updated_at", "-id")
            .values_list("pk", "updated_at", "owner__username"))
    page = Paginator(keys, PLANS_PER_PAGE).get_page(number)
    key = ";".join(f"{pk}@{updated.isoformat()}@{owner}" for pk, updated, owner in page.object_list)
    return PlanListPage(page=page, key=key, plans=SimpleLazyObject(partial(_with_totals, page)))


def _with_totals(page):
    return list(TeamPlan.objects.filter(pk__in=[pk for pk, _updated, _owner in page.object_list]).with_totals())
