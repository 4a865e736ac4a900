"""Reads the library from the database into the engine's frozen values.

Rules come in code order and thresholds from the smallest, so the same data always gives an equal ``Library``.
Reading it takes eight queries; each process keeps the last one read under the library revision, so a
request pays one query to learn that it is still current.
"""
from common.fields import split_codes
from common.text import Text

from .engine import (
    Conditions,
    KPISpec,
    Library,
    OnCostSpec,
    PlacementRuleSpec,
    RoleSpec,
    SalaryBandSpec,
    SizingRuleSpec,
    StaffingRuleSpec,
)
from .models import (
    LibraryRevision,
    OnCostRule,
    PlacementRule,
    Role,
    RoleKPI,
    SalaryBand,
    SizeThreshold,
    SizingRule,
    StaffingRule,
)


def _conditions(rule):
    return Conditions(
        phases=frozenset(split_codes(rule.phases)),
        size_tiers=frozenset(split_codes(rule.size_tiers)),
        industries=frozenset(split_codes(rule.industries)),
        strategic=rule.strategic,
        live_streaming=rule.live_streaming,
        min_business_lines=rule.min_business_lines,
        min_member_share=rule.min_member_share,
        min_stores=rule.min_stores,
        has_mall=rule.has_mall,
        max_sku_count=rule.max_sku_count,
    )


def _code(role):
    return role.code if role else None


def _roles():
    kpis_by_role = {}
    for link in RoleKPI.objects.select_related("kpi").order_by("order", "id"):
        kpi = link.kpi
        kpis_by_role.setdefault(link.role_id, []).append(KPISpec(
            code=kpi.code, name=Text.of(kpi, "name"), family=kpi.family,
            phases=frozenset(split_codes(kpi.phases)), weight=link.weight, source=kpi.source,
        ))
    return {
        role.code: RoleSpec(
            code=role.code, name=Text.of(role, "name"), tier=role.tier, default_parent=_code(role.default_parent),
            order=role.order, kpis=tuple(kpis_by_role.get(role.pk, ())),
            budget_merge_into=_code(role.budget_merge_into), leads_tier=role.leads_tier, active=role.is_active,
        )
        for role in Role.objects.select_related("default_parent", "budget_merge_into")
    }


def _staffing_rules():
    return tuple(
        StaffingRuleSpec(
            code=rule.code, priority=rule.priority, conditions=_conditions(rule), role=rule.role.code,
            action=rule.action, requirement=rule.requirement, merged_into=_code(rule.merged_into),
            headcount_min=rule.headcount_min, headcount_max=rule.headcount_max,
            rationale=Text.of(rule, "rationale"), source=rule.source,
        )
        for rule in StaffingRule.objects.filter(is_active=True, role__is_active=True)
        .select_related("role", "merged_into").order_by("code")
    )


def _placement_rules():
    return tuple(
        PlacementRuleSpec(
            code=rule.code, priority=rule.priority, conditions=_conditions(rule), placement=rule.placement,
            rationale=Text.of(rule, "rationale"), source=rule.source,
        )
        for rule in PlacementRule.objects.filter(is_active=True).order_by("code")
    )


def _sizing_rules():
    return tuple(
        SizingRuleSpec(
            code=rule.code, role=rule.role.code, driver=rule.driver, per_person_low=rule.per_person_low,
            per_person_high=rule.per_person_high, headcount_min=rule.headcount_min, headcount_max=rule.headcount_max,
            span_of_control=rule.span_of_control, phases=frozenset(split_codes(rule.phases)),
            rationale=Text.of(rule, "rationale"), source=rule.source,
        )
        for rule in SizingRule.objects.filter(is_active=True).select_related("role").order_by("code")
    )


def _salary_bands():
    return tuple(
        SalaryBandSpec(role=band.role.code, city_tier=band.city_tier, year=band.year, p25=band.p25, p50=band.p50,
                       p75=band.p75, months_per_year=band.months_per_year, source=band.source)
        for band in SalaryBand.objects.select_related("role").order_by("role__code", "city_tier", "year")
    )


def _on_cost_rules():
    return tuple(
        OnCostSpec(city_tier=rule.city_tier, item=rule.item, rate=rule.rate, base_floor=rule.base_floor,
                   base_ceiling=rule.base_ceiling, valid_from=rule.valid_from)
        for rule in OnCostRule.objects.order_by("city_tier", "item", "valid_from")
    )


_loaded: dict[str, tuple[str, Library]] = {}


def load_library(*, revision: str | None = None) -> Library:
    """The library as the engine reads it: from this process's copy when the revision has not moved.

    A caller that has just read the revision passes it on, so it is not read twice.
    """
    revision = revision or LibraryRevision.current()  # read first: a later write only makes the copy look older
    kept = _loaded.get("library")
    if kept and kept[0] == revision:
        return kept[1]
    library = read_library()
    _loaded["library"] = (revision, library)
    return library


def read_library() -> Library:
    """The library straight from the database (eight queries)."""
    thresholds = tuple(SizeThreshold.objects.order_by("min_employees").values_list("tier", "min_employees"))
    return Library(roles=_roles(), staffing_rules=_staffing_rules(), placement_rules=_placement_rules(),
                   size_thresholds=thresholds, sizing_rules=_sizing_rules(), salary_bands=_salary_bands(),
                   on_cost_rules=_on_cost_rules())
