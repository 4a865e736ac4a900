"""Reads the library from the database into the engine's frozen values (five queries).

Rules come in code order and thresholds from the smallest, so the same data always gives an equal ``Library``.
"""
from common.fields import split_codes
from common.text import Text

from .engine import Conditions, KPISpec, Library, PlacementRuleSpec, RoleSpec, StaffingRuleSpec
from .models import PlacementRule, Role, RoleKPI, SizeThreshold, StaffingRule


def _conditions(rule):
    return Conditions(
        phases=frozenset(split_codes(rule.phases)),
        size_tiers=frozenset(split_codes(rule.size_tiers)),
        industries=frozenset(split_codes(rule.industries)),
        strategic=rule.strategic,
        live_streaming=rule.live_streaming,
        min_business_lines=rule.min_business_lines,
        min_member_share=rule.min_member_share,
    )


def load_library() -> Library:
    kpis_by_role = {}
    for link in RoleKPI.objects.select_related("kpi").order_by("order", "id"):
        kpi = link.kpi
        kpis_by_role.setdefault(link.role_id, []).append(KPISpec(
            code=kpi.code, name=Text.of(kpi, "name"), family=kpi.family,
            phases=frozenset(split_codes(kpi.phases)), weight=link.weight, source=kpi.source,
        ))
    roles = {}
    for role in Role.objects.select_related("default_parent"):
        roles[role.code] = RoleSpec(
            code=role.code, name=Text.of(role, "name"), tier=role.tier,
            default_parent=role.default_parent.code if role.default_parent else None,
            order=role.order, kpis=tuple(kpis_by_role.get(role.pk, ())),
        )
    staffing = tuple(
        StaffingRuleSpec(
            code=rule.code, priority=rule.priority, conditions=_conditions(rule), role=rule.role.code,
            action=rule.action, requirement=rule.requirement,
            merged_into=rule.merged_into.code if rule.merged_into else None,
            headcount_min=rule.headcount_min, headcount_max=rule.headcount_max,
            rationale=Text.of(rule, "rationale"), source=rule.source,
        )
        for rule in StaffingRule.objects.filter(is_active=True).select_related("role", "merged_into").order_by("code")
    )
    placement = tuple(
        PlacementRuleSpec(
            code=rule.code, priority=rule.priority, conditions=_conditions(rule), placement=rule.placement,
            rationale=Text.of(rule, "rationale"), source=rule.source,
        )
        for rule in PlacementRule.objects.filter(is_active=True).order_by("code")
    )
    thresholds = tuple(SizeThreshold.objects.order_by("min_employees").values_list("tier", "min_employees"))
    return Library(roles=roles, staffing_rules=staffing, placement_rules=placement, size_thresholds=thresholds)
