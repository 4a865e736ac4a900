"""The company profile the engine reads: its fields and their limits, declared once.

The wizard's model fields, the API serializer and the plan model all take their limits from
``LIMITS``, so a company the API accepts is a company the wizard accepts.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class CompanyProfile:
    company_name: str
    employees: int
    industry: str
    phase: str
    strategic: bool = False
    live_streaming: bool = False
    business_lines: int = 1
    member_share: int = 0
    headcount_budget: int | None = None
    # The workload the team serves (None = unknown: the staffing rule's headcount stands).
    private_domain_users: int | None = None
    communities: int = 0
    stores: int = 0
    sku_count: int | None = None
    has_mall: bool = False
    # What the team may cost: salaries follow the city tier; a money budget trims like the headcount one.
    city_tier: str = "tier2"
    monthly_budget: int | None = None  # whole yuan a month, employer's cost included


PROFILE_FIELDS = tuple(f.name for f in fields(CompanyProfile))
ENGINE_FIELDS = tuple(name for name in PROFILE_FIELDS if name != "company_name")  # what changes the team
COMPANY_NAME_MAX = 100
LIMITS = {  # (lowest, highest) accepted value
    "employees": (1, 10_000_000),
    "business_lines": (1, 100),
    "member_share": (0, 100),
    "headcount_budget": (1, 1000),
    "private_domain_users": (0, 1_000_000_000),
    "communities": (0, 1_000_000),
    "stores": (0, 100_000),
    "sku_count": (0, 10_000_000),
    "monthly_budget": (1, 1_000_000_000),
}
WORKLOAD_FIELDS = ("private_domain_users", "communities", "stores", "sku_count", "has_mall")
