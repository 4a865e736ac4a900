"""What the team costs: each role's salary band for the company's city tier, plus the employer's on-costs.

A role's monthly cost is headcount × (monthly salary + the employer's 五险一金 on it). Each on-cost item
is a rate on the salary held within that item's contribution base (its floor and ceiling), so a high
salary pays on the ceiling, not on its whole amount. The annual cost pays the salary for the months a
year the band names (a 13th month or year-end bonus) and the on-costs for twelve.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

MONTHS = 12


@dataclass(frozen=True)
class Cost:
    """Whole yuan: per month (salary, on-costs, total) and per year."""

    salary: int = 0
    on_costs: int = 0
    annual: int = 0

    @property
    def monthly(self) -> int:
        return self.salary + self.on_costs

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.salary + other.salary, self.on_costs + other.on_costs, self.annual + other.annual)


def _yuan(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def current_rules(rules, city_tier):
    """The newest rule of each on-cost item for the city tier."""
    newest = {}
    for rule in rules:
        if rule.city_tier == city_tier and (rule.item not in newest or rule.valid_from > newest[rule.item].valid_from):
            newest[rule.item] = rule
    return list(newest.values())


def on_costs(salary: int, rules) -> int:
    """The employer's contributions on one person's monthly salary, each item on its capped base."""
    total = Decimal(0)
    for rule in rules:
        base = min(max(salary, rule.base_floor), rule.base_ceiling)
        total += Decimal(rule.rate) * base / 100
    return _yuan(total)


def band_for(role_code, city_tier, library):
    """The role's newest salary band in the city tier, or None."""
    bands = [b for b in library.salary_bands if b.role == role_code and b.city_tier == city_tier]
    return max(bands, key=lambda band: band.year) if bands else None


def role_cost(headcount: int, salary: int, months: Decimal, rules) -> Cost:
    per_person = on_costs(salary, rules)
    annual = _yuan(Decimal(salary) * Decimal(months) + Decimal(per_person) * MONTHS)
    return Cost(salary=headcount * salary, on_costs=headcount * per_person, annual=headcount * annual)


def with_cost(role, city_tier, library):
    """A staffed role with its band, salary (the band's median) and cost; merged roles cost nothing."""
    band = band_for(role.code, city_tier, library)
    if not role.staffed or band is None:
        return replace(role, cost=Cost())
    rules = current_rules(library.on_cost_rules, city_tier)
    return replace(role, band=band, cost=role_cost(role.headcount, band.p50, band.months_per_year, rules))
