"""What a team costs, on small libraries built in memory; expected figures worked out by hand."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

from teams.engine import OnCostSpec, SalaryBandSpec, recommend_team
from teams.engine.cost import on_costs, role_cost
from tests.conftest import profile
from tests.library_data import fixture_library
from tests.teams.test_engine_rules import library, rule

# Beijing 2022: pension 16 %, medical 9 %, unemployment 0.5 %, injury 0.4 %, maternity 0.8 %, housing fund 12 %
# on a base of 5,869–31,884 a month — 38.7 % in all.
BEIJING = [("pension", "16"), ("medical", "9"), ("unemployment", "0.5"), ("injury", "0.4"), ("maternity", "0.8"),
           ("housing_fund", "12")]


def rules(city_tier="tier1", floor=5869, ceiling=31884):
    return tuple(OnCostSpec(city_tier, item, Decimal(rate), floor, ceiling, date(2024, 7, 1)) for item, rate in BEIJING)


def band(role_code, city_tier, p50, months="13"):
    return SalaryBandSpec(role_code, city_tier, 2025, round(p50 * .8), p50, round(p50 * 1.25), Decimal(months),
                          "derived")


def test_on_costs_are_a_rate_on_the_salary_within_its_base():
    assert on_costs(10_000, rules()) == 3870  # 10,000 × 38.7 %
    assert on_costs(3_000, rules()) == 2271  # below the floor: 5,869 × 38.7 % = 2,271.3
    assert on_costs(40_000, rules()) == 12339  # above the ceiling: 31,884 × 38.7 % = 12,339.1, not 15,480


def test_a_role_costs_its_people_salary_and_on_costs_and_a_year_pays_the_thirteenth_month():
    cost = role_cost(2, 10_000, Decimal("13"), rules())

    assert (cost.salary, cost.on_costs, cost.monthly) == (20_000, 7_740, 27_740)
    assert cost.annual == 2 * (10_000 * 13 + 3_870 * 12) == 352_880
    assert cost.annual >= 12 * cost.monthly


def priced_library(**tiers):
    """The three-role library of the rule tests, with salary bands and on-costs for the given tiers."""
    bands = tuple(band(code, tier, p50 * factor) for tier, p50 in tiers.items()
                  for code, factor in (("lead", 2), ("content", 1), ("data", 1)))
    on = tuple(r for tier in tiers for r in rules(tier))
    return replace(library(rule("c", "content", low=2, high=2), rule("d", "data")), salary_bands=bands,
                   on_cost_rules=on)


def test_the_team_costs_what_its_roles_cost():
    draft = recommend_team(profile=replace(profile(), city_tier="tier1"), library=priced_library(tier1=10_000))

    assert draft.monthly_cost == sum(role.cost.monthly for role in draft.roles)
    # lead 20,000 + 7,740 (on the 20,000 salary) ; content 2 × (10,000 + 3,870) ; data 10,000 + 3,870
    assert draft.monthly_cost == (20_000 + 7_740) + 2 * 13_870 + 13_870
    assert draft.annual_cost >= 12 * draft.monthly_cost
    assert draft.role("content").band.p50 == 10_000


def test_a_tier_one_city_costs_clearly_more_than_a_tier_three_one():
    lib = priced_library(tier1=12_000, tier3=5_000)

    tier1 = recommend_team(profile=replace(profile(), city_tier="tier1"), library=lib)
    tier3 = recommend_team(profile=replace(profile(), city_tier="tier3"), library=lib)

    assert tier1.total_headcount == tier3.total_headcount
    assert tier1.monthly_cost > 1.5 * tier3.monthly_cost


def test_a_money_budget_trims_the_team_keeps_the_lead_and_says_so():
    lib = priced_library(tier1=10_000)
    full = recommend_team(profile=replace(profile(), city_tier="tier1"), library=lib)

    draft = recommend_team(profile=replace(profile(), city_tier="tier1", monthly_budget=50_000), library=lib)

    assert full.monthly_cost > 50_000 >= draft.monthly_cost
    assert draft.role("lead").staffed and draft.role("lead").headcount == 1
    assert any("¥50,000 a month" in note.en for note in draft.notes)


def test_a_role_without_a_band_costs_nothing_rather_than_guessing():
    draft = recommend_team(profile=replace(profile(), city_tier="tier2"), library=priced_library(tier1=10_000))

    assert draft.monthly_cost == 0 and all(role.band is None for role in draft.roles)


def test_on_the_seed_library_every_staffed_role_is_priced_and_adds_up():
    for tier in ("tier1", "new_tier1", "tier2", "tier3"):
        draft = recommend_team(profile=replace(profile(phase="growth", employees=600), city_tier=tier),
                               library=fixture_library())
        staffed = [role for role in draft.roles if role.staffed]
        assert all(role.band is not None and role.cost.monthly > 0 for role in staffed), tier
        assert draft.monthly_cost == sum(role.cost.monthly for role in draft.roles)
        assert draft.cost.salary + draft.cost.on_costs == draft.monthly_cost


def test_on_the_seed_library_beijing_costs_clearly_more_than_a_tier_three_city():
    tier1, tier3 = (recommend_team(profile=replace(profile(phase="growth", employees=600), city_tier=tier),
                                   library=fixture_library()) for tier in ("tier1", "tier3"))

    assert tier1.total_headcount == tier3.total_headcount
    assert tier1.monthly_cost > 2 * tier3.monthly_cost


def test_on_the_seed_library_a_money_budget_is_respected():
    full = recommend_team(profile=replace(profile(phase="growth", employees=600), city_tier="tier1"),
                          library=fixture_library())
    budget = full.monthly_cost // 2
    cut = recommend_team(profile=replace(profile(phase="growth", employees=600), city_tier="tier1",
                                         monthly_budget=budget), library=fixture_library())

    assert cut.monthly_cost <= budget < full.monthly_cost
    assert cut.role("lead").staffed
    staffed = {role.code for role in cut.roles if role.staffed}
    assert all(role.merged_into in staffed for role in cut.roles if not role.staffed)
