"""The engine's frozen values: the library it reads and the team draft it returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from common.text import Text
from teams.choices import Placement

from .cost import Cost
from .profile import CompanyProfile

HEADCOUNT = "headcount"


@dataclass(frozen=True)
class Reason:
    text: Text
    source: str
    kind: str = ""  # "headcount" for the reason behind the number of people, replaced when a person edits it


@dataclass(frozen=True)
class Conditions:
    phases: frozenset = frozenset()
    size_tiers: frozenset = frozenset()
    industries: frozenset = frozenset()
    strategic: bool | None = None
    live_streaming: bool | None = None
    min_business_lines: int | None = None
    min_member_share: int | None = None
    min_stores: int | None = None
    has_mall: bool | None = None
    max_sku_count: int | None = None  # matches only when the SKU count is known and at most this

    def match(self, profile: CompanyProfile, size_tier: str) -> bool:
        return (
            (not self.phases or profile.phase in self.phases)
            and (not self.size_tiers or size_tier in self.size_tiers)
            and (not self.industries or profile.industry in self.industries)
            and (self.strategic is None or self.strategic == profile.strategic)
            and (self.live_streaming is None or self.live_streaming == profile.live_streaming)
            and (self.min_business_lines is None or profile.business_lines >= self.min_business_lines)
            and (self.min_member_share is None or profile.member_share >= self.min_member_share)
            and (self.min_stores is None or profile.stores >= self.min_stores)
            and (self.has_mall is None or self.has_mall == profile.has_mall)
            and (self.max_sku_count is None
                 or (profile.sku_count is not None and profile.sku_count <= self.max_sku_count))
        )


@dataclass(frozen=True)
class StaffingRuleSpec:
    code: str
    priority: int
    conditions: Conditions
    role: str
    action: str
    requirement: str
    merged_into: str | None
    headcount_min: int
    headcount_max: int
    rationale: Text
    source: str


@dataclass(frozen=True)
class SizingRuleSpec:
    """How many people a role needs for the workload: the driver's figure ÷ what one person carries."""

    code: str
    role: str
    driver: str
    per_person_low: int
    per_person_high: int
    headcount_min: int
    headcount_max: int
    span_of_control: int
    phases: frozenset
    rationale: Text
    source: str


@dataclass(frozen=True)
class SalaryBandSpec:
    """A role's monthly base salary in a city tier: P25 / P50 / P75, and the months a year it is paid."""

    role: str
    city_tier: str
    year: int
    p25: int
    p50: int
    p75: int
    months_per_year: Decimal
    source: str


@dataclass(frozen=True)
class OnCostSpec:
    """One employer contribution (pension, housing fund, …): a rate on the salary held within its base."""

    city_tier: str
    item: str
    rate: Decimal
    base_floor: int
    base_ceiling: int
    valid_from: date


@dataclass(frozen=True)
class PlacementRuleSpec:
    code: str
    priority: int
    conditions: Conditions
    placement: str
    rationale: Text
    source: str


@dataclass(frozen=True)
class KPISpec:
    code: str
    name: Text
    family: str
    phases: frozenset
    weight: int
    source: str


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: Text
    tier: str
    default_parent: str | None
    order: int
    kpis: tuple[KPISpec, ...] = ()
    budget_merge_into: str | None = None  # who takes the duties when a budget cuts the role [S2]
    leads_tier: str = ""  # a tier head (前台/中台/后台 负责人) when set
    active: bool = True  # a retired role is never recommended; plans that have it keep it


@dataclass(frozen=True)
class Library:
    roles: dict[str, RoleSpec]
    staffing_rules: tuple[StaffingRuleSpec, ...]
    placement_rules: tuple[PlacementRuleSpec, ...]
    size_thresholds: tuple[tuple[str, int], ...]  # (tier, min employees), any order
    sizing_rules: tuple[SizingRuleSpec, ...] = ()
    salary_bands: tuple[SalaryBandSpec, ...] = ()
    on_cost_rules: tuple[OnCostSpec, ...] = ()


@dataclass(frozen=True)
class KPIPick:
    code: str
    name: Text
    family: str
    weight: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class RoleDraft:
    code: str
    name: Text
    tier: str
    order: int
    requirement: str
    headcount: int
    headcount_min: int
    reasons: tuple[Reason, ...]
    merged_into: str | None = None
    reports_to: str | None = None
    kpis: tuple[KPIPick, ...] = ()
    absorbs: tuple[str, ...] = ()
    team_leads: int = 0
    priority: int = 0  # the deciding rule's priority: what a budget keeps longest among equal requirements
    band: SalaryBandSpec | None = None
    cost: Cost = Cost()
    sizing: Reason | None = None  # how the headcount was reached; replaced when a budget trims it

    @property
    def staffed(self):
        return self.merged_into is None


@dataclass(frozen=True)
class PlacementDraft:
    code: str
    reasons: tuple[Reason, ...]

    @property
    def label(self):
        return Placement(self.code).label


@dataclass(frozen=True)
class TeamDraft:
    profile: CompanyProfile
    size_tier: str
    placement: PlacementDraft
    roles: tuple[RoleDraft, ...]
    notes: tuple[Text, ...] = field(default=())
    on_costs: tuple[OnCostSpec, ...] = ()  # the city tier's contribution rules the team was priced with

    @property
    def total_headcount(self):
        return sum(role.headcount for role in self.roles)

    @property
    def cost(self) -> Cost:
        return sum((role.cost for role in self.roles), Cost())

    @property
    def monthly_cost(self) -> int:
        return self.cost.monthly

    @property
    def annual_cost(self) -> int:
        return self.cost.annual

    def role(self, code):
        return next((role for role in self.roles if role.code == code), None)
