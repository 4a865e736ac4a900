"""The selector reads the library from the database into the same values the engine tests build in memory."""
import os
import subprocess
import sys

import pytest
from django.db import transaction
from django.urls import reverse

from kpis.models import KPITemplate
from teams.engine import recommend_team
from teams.models import LibraryRevision, Role, StaffingRule
from teams.selectors import load_library, read_library
from tests.conftest import profile
from tests.library_data import fixture_library


def test_read_library_reads_the_fixture_into_the_shapes_the_engine_tests_use(db, django_assert_num_queries):
    with django_assert_num_queries(8):
        loaded = read_library()

    expected = fixture_library()
    assert loaded.roles == expected.roles
    assert loaded.staffing_rules == expected.staffing_rules
    assert loaded.placement_rules == expected.placement_rules
    assert loaded.size_thresholds == expected.size_thresholds
    assert loaded.sizing_rules == expected.sizing_rules
    assert loaded.salary_bands == expected.salary_bands and loaded.on_cost_rules == expected.on_cost_rules


def test_a_second_load_costs_one_query_while_the_library_is_unchanged(db, django_assert_num_queries):
    first = load_library()

    with django_assert_num_queries(1):
        again = load_library()

    assert again is first and again == read_library()


def rule_in(library, code):
    return next(rule for rule in library.staffing_rules if rule.code == code)


def edit_rule(code, **values):
    """An edit as the admin saves it: through the model, so the revision moves in the same transaction."""
    rule = StaffingRule.objects.get(code=code)
    for name, value in values.items():
        setattr(rule, name, value)
    rule.save()


def test_editing_a_rule_in_the_database_changes_the_recommendation(db):
    load_library()
    edit_rule("live_team", headcount_min=4, headcount_max=4)

    draft = recommend_team(profile=profile(live_streaming=True), library=load_library())

    assert draft.role("live").headcount == 4


def test_an_inactive_rule_is_not_loaded(db):
    load_library()
    edit_rule("live_team", is_active=False)

    assert "live_team" not in {rule.code for rule in load_library().staffing_rules}


def test_the_engine_imports_without_the_app_registry():
    """Importing a models module before ``django.setup()`` raises AppRegistryNotReady: the engine needs none."""
    code = ("import django.conf, teams.engine, teams.engine.staffing, teams.engine.budget; "
            "from django.apps import apps; assert not apps.ready; print('ok')")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "siyu.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


def test_deleting_library_rows_and_editing_kpi_templates_move_the_revision(db):
    before = LibraryRevision.current()
    StaffingRule.objects.get(code="live_team").delete()
    after_delete = LibraryRevision.current()
    kpi = KPITemplate.objects.first()
    kpi.name_zh += "（新）"
    kpi.save()

    assert len({before, after_delete, LibraryRevision.current()}) == 3
    assert "live_team" not in {rule.code for rule in load_library().staffing_rules}
    assert kpi.name_zh in {link.name.zh for role in load_library().roles.values() for link in role.kpis}


def test_a_rolled_back_edit_leaves_no_copy_a_later_edit_could_reuse(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        edit_rule("live_team", headcount_min=5, headcount_max=5)
        assert rule_in(load_library(), "live_team").headcount_min == 5
        raise RuntimeError
    edit_rule("live_team", headcount_min=3, headcount_max=3)

    assert rule_in(load_library(), "live_team").headcount_min == 3


def test_retiring_a_role_in_the_admin_takes_it_out_of_the_loaded_library(admin_client):
    assert load_library().roles["design"].active
    admin_client.post(reverse("admin:teams_role_changelist"),
                      {"action": "retire", "_selected_action": [Role.objects.get(code="design").pk]})

    assert not load_library().roles["design"].active
