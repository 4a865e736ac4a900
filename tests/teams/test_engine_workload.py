"""Team size follows the business it serves (seed library in memory, no database)."""
import pytest

from common.choices import Industry, Phase
from teams.engine import LEAD, recommend_team
from tests.conftest import profile
from tests.library_data import fixture_library

LIBRARY_ROLES = set(fixture_library().roles)


def recommend(**overrides):
    return recommend_team(profile=profile(**overrides), library=fixture_library())


def total(**overrides):
    return recommend(**overrides).total_headcount


@pytest.mark.parametrize("phase", Phase.values)
@pytest.mark.parametrize(("field", "values"), [
    ("private_domain_users", [0, 10_000, 100_000, 1_000_000, 5_000_000]),
    ("communities", [0, 20, 200, 2000]),
    ("stores", [0, 1, 10, 100, 1000]),
    ("sku_count", [0, 10, 100, 1000, 10_000]),
])
def test_the_team_never_shrinks_as_the_workload_grows(phase, field, values):
    totals = [total(employees=5000, industry="retail", phase=phase, **{field: value}) for value in values]

    assert totals == sorted(totals), (field, values, totals)


def test_more_users_need_more_community_managers_and_the_reason_names_the_figures():
    small, big = recommend(employees=3000, phase="growth", private_domain_users=10_000), recommend(
        employees=3000, phase="growth", private_domain_users=120_000)

    assert big.role("user_ops").headcount > small.role("user_ops").headcount
    # growth takes the middle of 5,000–15,000 per person: 120,000 ÷ 10,000 → 12 people
    assert big.role("user_ops").headcount == 12
    assert "120,000 private-domain users ÷ 10,000 per person → 12 people." in [
        reason.text.en for reason in big.role("user_ops").reasons]


def test_a_role_with_more_people_than_its_span_gets_team_leads():
    user_ops = recommend(employees=3000, phase="growth", private_domain_users=120_000).role("user_ops")

    assert user_ops.headcount == 12 and user_ops.team_leads == 2  # span of 8: two groups, each with a lead


@pytest.mark.parametrize("employees", [1, 2, 5, 12, 30, 49])
@pytest.mark.parametrize("phase", Phase.values)
def test_a_small_company_gets_a_small_team_never_more_than_a_tenth_of_its_staff(employees, phase):
    draft = recommend(employees=employees, phase=phase, industry="food_beverage", live_streaming=True)

    assert draft.total_headcount <= max(1, employees // 10)
    assert draft.total_headcount <= employees
    staffed = {role.code for role in draft.roles if role.staffed}
    assert LEAD in staffed
    assert all(role.merged_into in staffed for role in draft.roles if not role.staffed)  # duties carried


def test_a_one_person_shop_gets_a_lead_who_covers_the_other_roles():
    draft = recommend(employees=1, phase="launch")

    assert [r.code for r in draft.roles if r.staffed] == [LEAD]
    assert {"content", "campaign"} <= set(draft.role(LEAD).absorbs)
    assert any("one in ten" in note.en for note in draft.notes)


@pytest.mark.parametrize("boundary", [50, 200, 1000])
@pytest.mark.parametrize("phase", Phase.values)
@pytest.mark.parametrize("industry", Industry.values)
def test_crossing_a_size_tier_boundary_is_a_step_not_a_jump(boundary, phase, industry):
    below, at = total(employees=boundary - 1, phase=phase, industry=industry), total(
        employees=boundary, phase=phase, industry=industry)

    assert at <= max(below * 1.5, below + 1), (boundary, below, at)


def test_stores_bring_digital_guides_scaled_by_store_count():
    few, many = recommend(phase="growth", employees=3000, stores=10), recommend(
        phase="growth", employees=3000, stores=300)

    assert recommend(phase="growth", employees=3000, stores=0).role("digital_guide") is None
    assert few.role("digital_guide").staffed and many.role("digital_guide").headcount > few.role(
        "digital_guide").headcount


def test_a_mall_brings_mall_operations():
    assert recommend(phase="growth", has_mall=False).role("mall_ops") is None
    assert recommend(phase="growth", has_mall=True).role("mall_ops").staffed


@pytest.mark.parametrize("phase", Phase.values)
def test_few_skus_fold_merch_into_copy_and_no_goods_means_no_merch(phase):
    few = recommend(phase=phase, employees=500, industry="retail", sku_count=12)
    none = recommend(phase=phase, employees=500, industry="education", sku_count=0)

    assert few.role("merch").merged_into == "content"
    assert none.role("merch") is None


def test_an_education_company_gets_no_dedicated_merchandiser():
    draft = recommend(phase="growth", employees=500, industry="education")

    assert not draft.role("merch").staffed


def test_a_large_pilot_at_launch_is_not_yet_a_first_level_department():
    assert recommend(phase="launch", employees=5000, strategic=True).placement.code != "first_level"
    assert recommend(phase="growth", employees=5000, strategic=True).placement.code == "first_level"


def test_the_default_home_is_user_operations():
    assert recommend(phase="growth", employees=120, industry="other").placement.code == "user_ops"


def test_every_library_role_can_be_recommended_by_some_realistic_profile():
    seen = set()
    for phase in Phase.values:
        for industry in Industry.values:
            for extra in ({}, {"live_streaming": True, "business_lines": 3, "strategic": True},
                          {"stores": 200, "has_mall": True, "sku_count": 2000, "private_domain_users": 500_000}):
                draft = recommend(phase=phase, industry=industry, employees=3000, **extra)
                seen |= {role.code for role in draft.roles if role.staffed}

    assert seen == LIBRARY_ROLES, LIBRARY_ROLES - seen


def test_a_budget_cut_merges_user_ops_into_the_lead_and_carries_its_top_kpi():
    draft = recommend(phase="growth", employees=500, industry="ecommerce", headcount_budget=2)

    assert draft.role("user_ops").merged_into == LEAD
    carried = [kpi for kpi in draft.role(LEAD).kpis if "Carried over from" in kpi.reasons[0].text.en]
    assert carried and sum(kpi.weight for kpi in draft.role(LEAD).kpis) == 100
    carriers = {r.merged_into for r in draft.roles if not r.staffed}
    merge_notes = [note.en for note in draft.notes if note.en.startswith("Merged into")]
    assert 1 <= len(merge_notes) <= len(carriers)  # one note per role that takes duties over, never one per cut
    assert all(any(note.startswith(f"Merged into {draft.role(code).name.en} ") for code in carriers)
               for note in merge_notes)


BIG = {"employees": 5000, "industry": "beauty", "phase": "mature", "live_streaming": True, "business_lines": 3,
       "stores": 120, "has_mall": True, "sku_count": 800, "private_domain_users": 600_000, "communities": 400}


def test_no_box_in_a_big_team_has_more_than_eight_roles_reporting_to_it():
    draft = recommend(**BIG)

    reports = {}
    for role in draft.roles:
        if role.staffed and role.reports_to:
            reports.setdefault(role.reports_to, []).append(role.code)
    assert reports and max(len(codes) for codes in reports.values()) <= 8, reports
    heads = {role.code for role in draft.roles if role.code.endswith("_head")}
    assert heads and all(draft.role(code).reports_to == LEAD for code in heads)
    assert all(len(reports.get(code, [])) >= 2 for code in heads)
    assert any("more than 8" in reason.text.en for code in heads for reason in draft.role(code).reasons)


def test_a_big_team_has_team_leads_for_its_largest_roles():
    draft = recommend(**BIG)

    assert draft.role("user_ops").headcount > 8 and draft.role("user_ops").team_leads >= 2
    assert draft.role("digital_guide").team_leads >= 2


def test_a_small_team_gets_no_tier_heads():
    draft = recommend(employees=120, phase="growth", industry="retail")

    assert not [role for role in draft.roles if role.code.endswith("_head")]
