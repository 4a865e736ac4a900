"""The selector reads the library from the database into the same values the engine tests build in memory."""
import os
import subprocess
import sys

from teams.engine import recommend_team
from teams.models import StaffingRule
from teams.selectors import load_library
from tests.conftest import profile
from tests.library_data import fixture_library


def test_load_library_reads_the_fixture_into_the_shapes_the_engine_tests_use(db, django_assert_num_queries):
    with django_assert_num_queries(8):
        loaded = load_library()

    expected = fixture_library()
    assert loaded.roles == expected.roles
    assert loaded.staffing_rules == expected.staffing_rules
    assert loaded.placement_rules == expected.placement_rules
    assert loaded.size_thresholds == expected.size_thresholds
    assert loaded.sizing_rules == expected.sizing_rules
    assert loaded.salary_bands == expected.salary_bands and loaded.on_cost_rules == expected.on_cost_rules


def test_editing_a_rule_in_the_database_changes_the_recommendation(db):
    StaffingRule.objects.filter(code="live_team").update(headcount_min=4, headcount_max=4)

    draft = recommend_team(profile=profile(live_streaming=True), library=load_library())

    assert draft.role("live").headcount == 4


def test_an_inactive_rule_is_not_loaded(db):
    StaffingRule.objects.filter(code="live_team").update(is_active=False)

    assert "live_team" not in {rule.code for rule in load_library().staffing_rules}


def test_the_engine_imports_without_the_app_registry():
    """Importing a models module before ``django.setup()`` raises AppRegistryNotReady: the engine needs none."""
    code = ("import django.conf, teams.engine, teams.engine.staffing, teams.engine.budget; "
            "from django.apps import apps; assert not apps.ready; print('ok')")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "siyu.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
