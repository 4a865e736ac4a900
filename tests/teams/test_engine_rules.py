"""Decision rules of the engine on small libraries built in memory: precedence, reporting lines, merges, budgets."""
from dataclasses import replace

from common.text import Text
from teams.engine import Conditions, Library, RoleSpec, StaffingRuleSpec, recommend_team
from tests.conftest import profile


def role(code, parent="lead", order=10):
    return RoleSpec(code=code, name=Text(f"{code}岗", code.title()), tier="front",
                    default_parent=None if code == "lead" else parent, order=order)


def rule(code, role_code, *, priority=50, action="staff", merged_into=None, low=1, high=1,
         requirement="recommended", **conditions):
    return StaffingRuleSpec(code=code, priority=priority, conditions=Conditions(**conditions), role=role_code,
                            action=action, requirement=requirement, merged_into=merged_into, headcount_min=low,
                            headcount_max=high, rationale=Text(f"{code} 理由", f"{code} rationale"), source="S2")


def library(*rules, roles=None):
    roles = roles or [role("lead", order=1), role("content", order=2), role("data", parent="content", order=3)]
    return Library(roles={r.code: r for r in roles}, staffing_rules=rules, placement_rules=(),
                   size_thresholds=(("micro", 1), ("small", 50), ("medium", 200), ("large", 1000)))


def test_a_library_without_a_lead_rule_still_gets_one_lead():
    draft = recommend_team(profile=profile(), library=library(rule("content", "content")))

    assert draft.role("lead").headcount == 1 and draft.role("lead").reports_to is None
    assert draft.role("content").reports_to == "lead"


def test_the_higher_priority_rule_wins_and_names_the_one_it_beat():
    lib = library(rule("content_one", "content", priority=10),
                  rule("content_two", "content", priority=90, low=2, high=2))

    content = recommend_team(profile=profile(), library=lib).role("content")

    assert content.headcount == 2
    assert "staff 1–1" in content.reasons[1].text.en and "content_one" not in content.reasons[1].text.en


def test_a_beaten_rule_that_decided_the_same_is_not_listed():
    lib = library(rule("content_one", "content", priority=10), rule("content_two", "content", priority=90))

    content = recommend_team(profile=profile(), library=lib).role("content")

    assert [reason.text.en for reason in content.reasons] == ["content_two rationale"]


def test_a_rule_whose_conditions_do_not_match_is_ignored():
    lib = library(rule("content_growth", "content", phases=frozenset({"growth"})))

    assert recommend_team(profile=profile(phase="launch"), library=lib).role("content") is None
    assert recommend_team(profile=profile(phase="growth"), library=lib).role("content").staffed


def test_a_role_reports_to_the_nearest_staffed_role_up_its_default_line():
    with_content = recommend_team(profile=profile(), library=library(rule("c", "content"), rule("d", "data")))
    without = recommend_team(profile=profile(), library=library(rule("d", "data")))

    assert with_content.role("data").reports_to == "content"
    assert without.role("data").reports_to == "lead"


def test_a_looping_default_line_cannot_hang_the_engine():
    roles = [role("lead", order=1), role("content", parent="data", order=2), role("data", parent="content", order=3)]

    draft = recommend_team(profile=profile(), library=library(rule("c", "content"), rule("d", "data"), roles=roles))

    assert {draft.role("content").reports_to, draft.role("data").reports_to} <= {"content", "data", "lead"}


def test_a_merge_chain_ends_at_a_staffed_role():
    lib = library(rule("c", "content", action="merge", merged_into="data"),
                  rule("d", "data", action="merge", merged_into="lead"))

    draft = recommend_team(profile=profile(), library=lib)

    assert draft.role("content").merged_into == "lead" and draft.role("data").merged_into == "lead"
    assert set(draft.role("lead").absorbs) == {"content", "data"}


def test_a_merge_loop_hands_the_duties_to_the_lead():
    lib = library(rule("c", "content", action="merge", merged_into="data"),
                  rule("d", "data", action="merge", merged_into="content"))

    draft = recommend_team(profile=profile(), library=lib)

    assert draft.role("content").merged_into == "lead" and draft.role("data").merged_into == "lead"


def test_a_budget_trims_extra_people_before_merging_a_role_into_its_manager_one_note_each():
    lib = library(rule("c", "content", low=2, high=2, requirement="required"), rule("d", "data"))

    draft = recommend_team(profile=replace(profile(), headcount_budget=2), library=lib)

    assert draft.total_headcount == 2
    assert draft.role("content").headcount == 1
    assert draft.role("data").merged_into == "content"
    assert [note.en for note in draft.notes if "within 2" in note.en] == [
        "Merged into Content to stay within 2 people: Data.",
        "Fewer people to stay within 2 people: Content to 1."]


def test_two_beaten_rules_that_decided_the_same_other_thing_are_named_once():
    lib = library(rule("content_a", "content", priority=90, low=2, high=2), rule("content_b", "content", priority=50),
                  rule("content_c", "content", priority=40))

    reasons = [reason.text.en for reason in recommend_team(profile=profile(), library=lib).role("content").reasons]

    assert reasons[1].endswith("would have decided: staff 1–1.")
