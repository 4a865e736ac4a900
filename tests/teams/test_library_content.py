"""The seed library's KPI sheets, read into memory (no database), shift with the phase as the domain says [S0][S3]."""
import pytest

from common.choices import Phase
from teams.engine import LEAD, choose_kpis
from teams.engine.kpis import MAX_KPIS
from tests.library_data import fixture_library

ROLES = sorted(fixture_library().roles)
LAUNCH_FAMILIES = {"user", "activity"}


def sheet(role, phase):
    return choose_kpis(fixture_library().roles[role], phase)


def codes(role, phase):
    return [kpi.code for kpi in sheet(role, phase)]


def test_the_library_has_every_role_and_each_has_a_kpi_sheet():
    library = fixture_library()

    assert len(library.roles) >= 13
    assert all(spec.kpis for spec in library.roles.values())


@pytest.mark.parametrize("role", ROLES)
def test_a_roles_default_weights_sum_to_100_in_the_library(role):
    assert sum(kpi.weight for kpi in fixture_library().roles[role].kpis) == 100


@pytest.mark.parametrize("phase", Phase.values)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_at_least_two_kpis_suited_to_every_phase_weighted_to_100(role, phase):
    picks = sheet(role, phase)

    assert 2 <= len(picks) <= MAX_KPIS
    assert sum(kpi.weight for kpi in picks) == 100
    assert all(kpi.weight > 0 for kpi in picks)
    spec = fixture_library().roles[role]
    suited = {kpi.code for kpi in spec.kpis if not kpi.phases or phase in kpi.phases}
    assert set(codes(role, phase)) <= suited, "no fallback to KPIs marked for other phases"


@pytest.mark.parametrize("role", ROLES)
def test_growth_and_mature_sheets_differ_for_every_role(role):
    assert set(codes(role, Phase.GROWTH)) != set(codes(role, Phase.MATURE))


@pytest.mark.parametrize("role", ROLES)
def test_launch_sheets_hold_only_user_and_activity_metrics(role):
    assert {kpi.family for kpi in sheet(role, Phase.LAUNCH)} <= LAUNCH_FAMILIES


@pytest.mark.parametrize("phase", [Phase.GROWTH, Phase.MATURE])
def test_the_lead_is_finally_assessed_on_gmv_and_roi_in_growth_and_mature(phase):
    """S3: what the lead must finally be assessed on is GMV and ROI."""
    assert {"gmv", "roi"} <= set(codes(LEAD, phase))


def test_the_lead_launch_sheet_is_led_by_user_and_activity_metrics():
    picks = sheet(LEAD, Phase.LAUNCH)

    assert len(picks) >= 2
    assert {kpi.family for kpi in picks} <= LAUNCH_FAMILIES
    assert {kpi.family for kpi in picks} == LAUNCH_FAMILIES, "both user and activity metrics"
    assert not {"gmv", "roi"} & {kpi.code for kpi in picks}


def test_the_lead_growth_sheet_weighs_results_and_the_mature_sheet_weighs_management():
    growth = sheet(LEAD, Phase.GROWTH)
    mature = sheet(LEAD, Phase.MATURE)

    assert {"conversion_rate", "referral_rate"} <= {kpi.code for kpi in growth}
    assert "management" not in {kpi.family for kpi in growth}
    assert {"revenue_per_head", "staff_efficiency"} <= {kpi.code for kpi in mature}


def library_families(role):
    return {kpi.family for kpi in fixture_library().roles[role].kpis}


@pytest.mark.parametrize("role", ROLES)
def test_growth_sheets_move_past_launch_metrics_and_put_results_first(role):
    """Growth asks for results [S0]: the sheet holds metrics launch does not offer, and a role's result metrics lead."""
    growth = sheet(role, Phase.GROWTH)

    assert {kpi.family for kpi in growth} - LAUNCH_FAMILIES
    assert sum(kpi.weight for kpi in growth if kpi.family in LAUNCH_FAMILIES) < 70
    if "result" in library_families(role):
        assert "result" in {kpi.family for kpi in growth}


@pytest.mark.parametrize("role", ROLES)
def test_mature_sheets_drop_activity_metrics_and_put_management_first(role):
    """Mature runs efficiently [S0]: activity pushes drop out, and a role's management metrics are on the sheet."""
    mature = {kpi.family for kpi in sheet(role, Phase.MATURE)}

    assert "activity" not in mature
    if "management" in library_families(role):
        assert "management" in mature


def test_most_roles_are_measured_on_a_management_metric_when_mature():
    without = {role for role in ROLES if "management" not in {kpi.family for kpi in sheet(role, Phase.MATURE)}}

    # acquisition roles are judged on cost and ROI (acquisition metrics); community experience on lifetime value [S1]
    assert without == {"ads", "growth", "community_cx"}
