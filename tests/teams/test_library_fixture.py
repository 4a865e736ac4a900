"""The shipped library fixture (`fixtures/library.json`) loads into an empty database and says what the domain says."""
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from common.choices import Phase, Source
from common.fields import split_codes
from kpis.choices import Family
from kpis.models import KPITemplate
from teams.models import Capability, Duty, PlacementRule, Role, RoleKPI, SizeThreshold, StaffingRule

# Children before parents, so that deleting in this order never cascades into a model not yet counted.
LIBRARY_MODELS = [RoleKPI, KPITemplate, StaffingRule, PlacementRule, Duty, Capability, Role, SizeThreshold]
SOURCED_MODELS = [Role, Duty, Capability, StaffingRule, PlacementRule, KPITemplate]

CORE_ROLES = {"lead", "content", "user_ops", "data", "merch", "design"}
OPTIONAL_ROLES = {"campaign", "ads", "product_ops", "community_cx", "midplatform", "live", "growth"}
DOMAIN_RULES = {
    "launch_data_by_lead", "retail_merch_merged", "platform_merch_dedicated", "live_team", "midplatform_lines",
    "community_cx_industry", "crm_takeover", "first_level_strategic", "first_level_large", "retail_new_retail",
    "ecommerce_community",
}


@pytest.fixture
def fresh_library(db):
    """Given an empty library, when the fixture is loaded, then this is what a fresh database holds."""
    for model in LIBRARY_MODELS:
        model.objects.all().delete()
    assert not any(model.objects.exists() for model in LIBRARY_MODELS)
    call_command("loaddata", "library", verbosity=0)


def counts():
    return {model.__name__: model.objects.count() for model in LIBRARY_MODELS}


def weights_by_role():
    totals = defaultdict(int)
    for role_code, weight in RoleKPI.objects.values_list("role__code", "weight"):
        totals[role_code] += weight
    return dict(totals)


def test_fixture_loads_into_an_empty_database_with_at_least_thirteen_roles(fresh_library):
    assert Role.objects.count() >= 13
    assert set(Role.objects.values_list("code", flat=True)) >= CORE_ROLES | OPTIONAL_ROLES
    assert SizeThreshold.objects.count() == len(SizeThreshold._meta.get_field("tier").choices)


def test_the_six_core_roles_are_marked_core_and_fully_described(fresh_library):
    core = {role.code: role for role in Role.objects.with_library().filter(code__in=CORE_ROLES)}

    assert set(core) == CORE_ROLES
    weights = weights_by_role()
    for code, role in core.items():
        assert role.is_core, code
        assert role.name_zh and role.name_en, code
        assert len(role.duties.all()) >= 4, code
        assert len(role.capabilities.all()) >= 3, code
        assert len(role.role_kpis.all()) >= 3, code
        assert weights[code] == 100, code


def test_the_seven_optional_roles_have_duties_and_kpis(fresh_library):
    optional = {role.code: role for role in Role.objects.with_library().filter(code__in=OPTIONAL_ROLES)}

    assert set(optional) == OPTIONAL_ROLES
    for code, role in optional.items():
        assert not role.is_core, code
        assert role.duties.all(), code
        assert role.role_kpis.all(), code


def test_every_role_with_kpis_has_default_weights_summing_to_100(fresh_library):
    weights = weights_by_role()

    assert set(weights) == set(Role.objects.values_list("code", flat=True)), "every role has a KPI sheet"
    assert {code: total for code, total in weights.items() if total != 100} == {}


def test_kpi_library_has_at_least_forty_templates_each_with_formula_and_unit(fresh_library):
    kpis = list(KPITemplate.objects.all())

    assert len(kpis) >= 40
    for kpi in kpis:
        assert kpi.formula_zh.strip() and kpi.formula_en.strip(), kpi.code
        assert kpi.definition_zh.strip() and kpi.definition_en.strip(), kpi.code
        assert kpi.unit, kpi.code


def test_every_row_cites_a_known_source(fresh_library):
    valid = set(Source.values)
    for model in SOURCED_MODELS:
        sources = set(model.objects.values_list("source", flat=True))
        assert sources, model.__name__
        assert sources <= valid, (model.__name__, sources - valid)


def test_launch_phase_kpis_are_only_user_or_activity_metrics(fresh_library):
    launch_kpis = [kpi for kpi in KPITemplate.objects.all() if Phase.LAUNCH in split_codes(kpi.phases)]

    assert launch_kpis, "the launch phase needs KPIs"
    wrong = {kpi.code: kpi.family for kpi in launch_kpis if kpi.family not in {Family.USER, Family.ACTIVITY}}
    assert wrong == {}


def test_staffing_and_placement_rules_cover_the_domain_facts(fresh_library):
    rule_codes = set(StaffingRule.objects.values_list("code", flat=True)) | set(
        PlacementRule.objects.values_list("code", flat=True)
    )

    assert DOMAIN_RULES - rule_codes == set()
    assert StaffingRule.objects.get(code="platform_merch_dedicated").role.code == "merch"
    assert StaffingRule.objects.get(code="live_team").live_streaming is True
    merged = StaffingRule.objects.get(code="launch_data_by_lead")
    assert (merged.role.code, merged.action, merged.merged_into.code) == ("data", "merge", "lead")
    assert PlacementRule.objects.get(code="crm_takeover").placement == "crm"
    assert PlacementRule.objects.get(code="first_level_strategic").placement == "first_level"


def test_every_loaded_row_passes_model_validation(fresh_library):
    failures = {}
    for model in LIBRARY_MODELS:
        for instance in model.objects.all():
            try:
                instance.full_clean()
            except ValidationError as error:
                failures[f"{model.__name__} {instance}"] = error
    assert failures == {}


def test_loading_the_fixture_twice_does_not_duplicate_rows(fresh_library):
    first = counts()

    call_command("loaddata", "library", verbosity=0)

    assert counts() == first
    assert first["Role"] >= 13 and first["RoleKPI"] > 0


def test_reloading_the_fixture_restores_an_edited_row_instead_of_adding_one(fresh_library):
    shipped = Role.objects.get(code="lead").name_en
    Role.objects.filter(code="lead").update(name_en="Edited by hand")

    call_command("loaddata", "library", verbosity=0)

    assert Role.objects.filter(code="lead").count() == 1
    assert Role.objects.get(code="lead").name_en == shipped
