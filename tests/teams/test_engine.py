"""The recommendation engine on the real seed library, read into memory (no database): the domain's behaviours."""
import itertools

import pytest

from common.choices import Industry, Phase, SizeTier
from teams.choices import Placement
from teams.engine import LEAD, recommend_team
from teams.engine.kpis import MAX_KPIS
from tests.conftest import profile
from tests.library_data import fixture_library

MINIMUM_LAUNCH_UNIT = {"lead", "campaign", "content", "product_ops", "design"}
STANDARD_SIX = {"lead", "content", "campaign", "user_ops", "data", "merch"}


def recommend(**overrides):
    return recommend_team(profile=profile(**overrides), library=fixture_library())


def staffed(draft):
    return {role.code: role for role in draft.roles if role.staffed}


def families(role):
    return {kpi.family for kpi in role.kpis}


def test_launch_small_retail_gets_the_minimum_launch_unit():
    draft = recommend(employees=80, industry="retail", phase="launch")

    assert draft.size_tier == SizeTier.SMALL
    assert MINIMUM_LAUNCH_UNIT <= set(staffed(draft))
    assert draft.role("data").merged_into == LEAD and draft.role("data").headcount == 0
    assert draft.role("merch").merged_into in {"content", "campaign"}
    assert draft.placement.code in {Placement.MARKETING, Placement.USER_OPS}
    for role in staffed(draft).values():
        assert families(role) <= {"user", "activity"}, role.code
    assert any("no penalty" in note.en for note in draft.notes)


def test_growth_medium_ecommerce_gets_the_standard_six_with_one_to_two_each():
    draft = recommend(employees=500, industry="ecommerce", phase="growth")

    team = staffed(draft)
    assert STANDARD_SIX <= set(team)
    assert {"design"} <= set(team)
    assert all(1 <= team[code].headcount <= 2 for code in STANDARD_SIX)
    assert draft.placement.code == Placement.COMMUNITY_OPS
    result_kpis = {kpi.code for role in team.values() for kpi in role.kpis if kpi.family == "result"}
    assert {"conversion_rate", "referral_rate"} <= result_kpis


@pytest.mark.parametrize("phase", Phase.values)
def test_platform_business_always_has_a_dedicated_merch_role(phase):
    draft = recommend(employees=30, industry="platform", phase=phase)

    merch = draft.role("merch")
    assert merch.staffed and merch.headcount >= 1 and merch.merged_into is None
    assert any(reason.source == "S2" for reason in merch.reasons)


def test_live_streaming_adds_a_live_team():
    without = recommend(live_streaming=False)
    with_live = recommend(live_streaming=True)

    assert without.role("live") is None
    assert with_live.role("live").staffed and with_live.role("live").headcount >= 2


def test_mature_phase_measures_the_lead_by_management_kpis():
    draft = recommend(employees=600, industry="beauty", phase="mature")

    lead_kpis = {kpi.code: kpi for kpi in draft.role(LEAD).kpis}
    assert "revenue_per_head" in lead_kpis
    assert lead_kpis["revenue_per_head"].family == "management"


def test_two_business_lines_add_middle_platform_ops_once_past_launch():
    assert recommend(business_lines=1, phase="growth").role("midplatform") is None
    assert recommend(business_lines=2, phase="growth").role("midplatform").staffed
    assert recommend(business_lines=2, phase="launch").role("midplatform") is None  # pilot one line first [S1]


@pytest.mark.parametrize("phase", ["growth", "mature"])
def test_high_member_share_hands_the_team_to_crm(phase):
    draft = recommend(phase=phase, member_share=95, strategic=True)

    assert draft.placement.code == Placement.CRM
    beaten = draft.placement.reasons[-1].text.en  # names what the beaten rules would have decided
    assert "First-level department" in beaten and "first_level_strategic" not in beaten  # no internal codes


def test_high_member_share_in_launch_is_not_crm():
    assert recommend(phase="launch", member_share=95).placement.code != Placement.CRM


@pytest.mark.parametrize("overrides", [{"strategic": True}, {"employees": 5000}])
def test_strategic_or_large_company_gets_a_first_level_department(overrides):
    draft = recommend(phase="growth", industry="ecommerce", **overrides)

    assert draft.placement.code == Placement.FIRST_LEVEL
    assert "Community-ops" in draft.placement.reasons[-1].text.en


@pytest.mark.parametrize("industry", ["mother_baby", "food_beverage"])
def test_mother_baby_and_food_beverage_add_community_ux(industry):
    draft = recommend(industry=industry, phase="growth")

    assert draft.role("community_cx").staffed
    assert recommend(industry="education", phase="growth").role("community_cx") is None


def test_budget_drops_optional_roles_first_then_merges():
    full = recommend(employees=500, industry="ecommerce", phase="growth")
    budget = full.total_headcount - 1
    tight = recommend(employees=500, industry="ecommerce", phase="growth", headcount_budget=5)

    assert full.total_headcount > 5
    assert tight.total_headcount <= 5
    assert tight.role(LEAD).staffed and tight.role(LEAD).headcount == 1
    merged = [role for role in tight.roles if not role.staffed and role.code not in {"data"}]
    assert merged and all(role.merged_into in staffed(tight) for role in merged)
    assert any(note.en.startswith("Merged into") for note in tight.notes)
    assert recommend(employees=500, industry="ecommerce", phase="growth",
                     headcount_budget=budget).total_headcount <= budget


def test_budget_merges_optional_roles_before_touching_required_ones():
    roomy = recommend(phase="launch")
    optional = [r.code for r in roomy.roles if r.staffed and r.requirement == "optional"]
    assert optional, "the launch team has an optional role to drop"

    draft = recommend(phase="launch", headcount_budget=roomy.total_headcount - 1)

    assert any(not draft.role(code).staffed for code in optional)  # merged, its duties carried, not dropped
    assert all(draft.role(code).merged_into in staffed(draft) for code in optional if not draft.role(code).staffed)
    assert all(draft.role(r.code).staffed for r in roomy.roles if r.staffed and r.requirement != "optional")
    assert any(note.en.startswith("Merged into") for note in draft.notes)


def test_budget_of_one_leaves_the_lead_carrying_every_duty():
    draft = recommend(employees=500, phase="growth", live_streaming=True, headcount_budget=1)

    assert draft.total_headcount == 1
    assert list(staffed(draft)) == [LEAD]
    assert set(draft.role(LEAD).absorbs) == {role.code for role in draft.roles if role.code != LEAD}


GRID = list(itertools.product(Phase.values, [10, 100, 500, 3000], Industry.values, [False, True], [1, 3],
                              [0, 95], [None, 1, 4]))


def test_every_profile_in_the_grid_gives_a_sound_plan():
    """Whole grid of phase × size tier × industry × flags: no error, and the plan's invariants hold."""
    for phase, employees, industry, flag, lines, members, budget in GRID:
        draft = recommend(phase=phase, employees=employees, industry=industry, strategic=flag, live_streaming=flag,
                          business_lines=lines, member_share=members, headcount_budget=budget)
        case = (phase, employees, industry, flag, lines, members, budget)
        assert draft.role(LEAD) and draft.role(LEAD).staffed, case
        assert draft.placement.reasons, case
        if budget:
            assert draft.total_headcount <= budget, case
        for role in draft.roles:
            assert role.reasons, (case, role.code)
            if role.staffed:
                assert role.headcount >= 1, (case, role.code)
                assert 1 <= len(role.kpis) <= MAX_KPIS, (case, role.code)
                assert sum(kpi.weight for kpi in role.kpis) == 100, (case, role.code)
                assert all(kpi.reasons for kpi in role.kpis), (case, role.code)
                assert role.reports_to is None or role.reports_to in staffed(draft), (case, role.code)
            else:
                assert role.headcount == 0 and role.merged_into in staffed(draft), (case, role.code)
