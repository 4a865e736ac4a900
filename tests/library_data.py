"""The seed library read straight from ``fixtures/library.json`` into the engine's values, with no database.

Engine tests decide on the real content without loading it into a database; one selector test proves
``load_library()`` reads the same fixture from the database into an equal ``Library``.
"""
import json
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from common.text import Text
from teams.engine import (
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

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "library.json"


def _codes(value):
    return frozenset(code.strip() for code in value.split(",") if code.strip())


def _key(value):
    return value[0] if value else None


def _conditions(f):
    return Conditions(
        phases=_codes(f["phases"]), size_tiers=_codes(f["size_tiers"]), industries=_codes(f["industries"]),
        strategic=f["strategic"], live_streaming=f["live_streaming"], min_business_lines=f["min_business_lines"],
        min_member_share=f["min_member_share"], min_stores=f["min_stores"], has_mall=f["has_mall"],
        max_sku_count=f["max_sku_count"])


def _rows(model):
    return [row["fields"] for row in json.loads(FIXTURE.read_text(encoding="utf-8")) if row["model"] == model]


def _role_kpis():
    kpis = {f["code"]: f for f in _rows("kpis.kpitemplate")}
    by_role = {}
    for link in sorted(_rows("teams.rolekpi"), key=lambda link: link["order"]):
        kpi = kpis[_key(link["kpi"])]
        by_role.setdefault(_key(link["role"]), []).append(KPISpec(
            code=kpi["code"], name=Text(kpi["name_zh"], kpi["name_en"]), family=kpi["family"],
            phases=_codes(kpi["phases"]), weight=link["weight"], source=kpi["source"]))
    return by_role


@cache
def fixture_library() -> Library:
    kpis = _role_kpis()
    roles = {f["code"]: RoleSpec(code=f["code"], name=Text(f["name_zh"], f["name_en"]), tier=f["tier"],
                                 default_parent=_key(f["default_parent"]), order=f["order"],
                                 kpis=tuple(kpis.get(f["code"], ())), budget_merge_into=_key(f["budget_merge_into"]),
                                 leads_tier=f["leads_tier"], active=f.get("is_active", True))
             for f in _rows("teams.role")}
    staffing = tuple(StaffingRuleSpec(
        code=f["code"], priority=f["priority"], conditions=_conditions(f), role=_key(f["role"]), action=f["action"],
        requirement=f["requirement"], merged_into=_key(f["merged_into"]), headcount_min=f["headcount_min"],
        headcount_max=f["headcount_max"], rationale=Text(f["rationale_zh"], f["rationale_en"]), source=f["source"])
        for f in sorted(_rows("teams.staffingrule"), key=lambda f: f["code"]) if f["is_active"])
    placement = tuple(PlacementRuleSpec(
        code=f["code"], priority=f["priority"], conditions=_conditions(f), placement=f["placement"],
        rationale=Text(f["rationale_zh"], f["rationale_en"]), source=f["source"])
        for f in sorted(_rows("teams.placementrule"), key=lambda f: f["code"]) if f["is_active"])
    sizing = tuple(SizingRuleSpec(
        code=f["code"], role=_key(f["role"]), driver=f["driver"], per_person_low=f["per_person_low"],
        per_person_high=f["per_person_high"], headcount_min=f["headcount_min"], headcount_max=f["headcount_max"],
        span_of_control=f["span_of_control"], phases=_codes(f["phases"]),
        rationale=Text(f["rationale_zh"], f["rationale_en"]), source=f["source"])
        for f in sorted(_rows("teams.sizingrule"), key=lambda f: f["code"]) if f["is_active"])
    bands = tuple(SalaryBandSpec(
        role=_key(f["role"]), city_tier=f["city_tier"], year=f["year"], p25=f["p25"], p50=f["p50"], p75=f["p75"],
        months_per_year=Decimal(f["months_per_year"]), source=f["source"])
        for f in sorted(_rows("teams.salaryband"), key=lambda f: (_key(f["role"]), f["city_tier"], f["year"])))
    on_costs = tuple(OnCostSpec(
        city_tier=f["city_tier"], item=f["item"], rate=Decimal(f["rate"]), base_floor=f["base_floor"],
        base_ceiling=f["base_ceiling"], valid_from=date.fromisoformat(f["valid_from"]))
        for f in sorted(_rows("teams.oncostrule"), key=lambda f: (f["city_tier"], f["item"], f["valid_from"])))
    thresholds = tuple((f["tier"], f["min_employees"])
                       for f in sorted(_rows("teams.sizethreshold"), key=lambda f: f["min_employees"]))
    return Library(roles=roles, staffing_rules=staffing, placement_rules=placement, size_thresholds=thresholds,
                   sizing_rules=sizing, salary_bands=bands, on_cost_rules=on_costs)
