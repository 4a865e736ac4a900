"""The comparison's org charts: one per column, every box of a later column marked against the first column by
a text badge (新增 / 单独设岗 / 移除 / 并入 / 调整汇报 / 人数 ±n), lost boxes kept as ghosts where they reported."""
import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.text import Text
from plans.compare import Column, compare_states
from plans.compare_charts import comparison_charts
from plans.diff import PlanState, RoleState
from plans.models import TeamPlan
from plans.services import plan_role_add, plan_role_remove, plan_role_update
from teams.models import Role


def role(code, headcount=1, reports_to=None, merged_into=None, tier="front"):
    return RoleState(code=code, name=Text(f"{code}岗", code.title()), headcount=headcount, reports_to=reports_to,
                     merged_into=merged_into, salary=None, monthly_cost=0, kpis=(), tier=tier)


def state(*roles, placement="marketing"):
    return PlanState(fields=(("placement", placement),), roles=roles, headcount=sum(r.headcount for r in roles),
                     monthly_cost=0)


def charts_of(*states):
    return comparison_charts(compare_states([Column(f"第{i}列", "", s) for i, s in enumerate(states, 1)]))


def nodes(tree, parent=None):
    """key → (parent key, [(mark kind, badge text, detail)]) for every box below the unit."""
    found = {}
    for child in tree.children:
        found[child.key] = (parent, [(m.kind, str(m.label), str(m.detail)) for m in child.marks])
        found.update(nodes(child, child.key))
    return found


BASE = state(role("lead", tier="middle"), role("content", 2, "lead"), role("data", 1, "lead"),
             role("ads", 1, "lead"), role("design", 1, "content"), role("growth", 0, merged_into="lead"))


def test_each_later_box_is_marked_against_the_first_column_and_the_first_is_not():
    other = state(role("lead", tier="middle"), role("content", 4, "lead"), role("data", 1, "content"),
                  role("design", 1, "lead"), role("live", 2, "lead"), role("growth", 1, "lead"),
                  placement="new_retail")
    base_chart, chart = charts_of(BASE, other)

    assert all(not marks for _parent, marks in nodes(base_chart.tree).values())
    boxes = nodes(chart.tree)
    assert boxes["content"] == ("lead", [("headcount", "人数 +2", "")])
    assert boxes["data"] == ("content", [("moved", "调整汇报", "原汇报给lead岗")])
    assert boxes["design"] == ("lead", [("moved", "调整汇报", "原汇报给content岗")])
    assert boxes["live"] == ("lead", [("added", "新增", "")])
    assert boxes["growth"] == ("lead", [("split", "单独设岗", "原由lead岗兼任")])
    assert boxes["ads"] == ("lead", [("removed", "移除", "")])  # a ghost where it reported
    assert boxes["lead"] == (None, [])
    assert [(m.kind, str(m.label), str(m.detail)) for m in chart.tree.marks] == [
        ("moved", "所属部门调整", "原属市场部")]
    assert dict(chart.summary) == {"added": "新增 1 个岗位", "split": "1 个岗位单独设岗", "removed": "移除 1 个岗位",
                                   "moved": "2 个岗位调整汇报", "headcount": "1 个岗位人数变化"}


def test_a_role_merged_away_stays_as_a_ghost_naming_the_role_that_covers_it():
    other = state(role("lead", tier="middle"), role("content", 2, "lead"), role("data", 0, "lead", "content"),
                  role("ads", 1, "lead"), role("design", 1, "content"))
    _base, chart = charts_of(BASE, other)

    boxes = nodes(chart.tree)
    assert boxes["data"] == ("lead", [("merged", "并入", "现由content岗兼任")])
    content = next(node for node in chart.tree.children[0].children if node.key == "content")
    assert [str(name) for name in content.absorbed] == ["data岗"]  # also listed in the box that covers it
    assert chart.summary == (("merged", "并入 1 个岗位"),)


def test_ghosts_stay_under_their_old_manager_and_a_live_box_never_hangs_under_a_ghost():
    gone_with_manager = state(role("lead", tier="middle"), role("data", 1, "lead"), role("ads", 1, "lead"))
    manager_gone = state(*gone_with_manager.roles, role("design", 1, "content"))

    boxes = nodes(charts_of(BASE, gone_with_manager)[1].tree)
    assert boxes["content"] == ("lead", [("removed", "移除", "")])
    assert boxes["design"] == ("content", [("removed", "移除", "")])  # a ghost under a ghost
    boxes = nodes(charts_of(BASE, manager_gone)[1].tree)
    assert boxes["design"] == (None, [("moved", "调整汇报", "原汇报给content岗")])  # under the unit, as drawn


def test_three_columns_are_each_marked_against_the_first_not_the_one_before():
    second = state(*BASE.roles[:4], role("design", 3, "content"))
    third = state(*BASE.roles[:4], role("design", 3, "content"))
    _base, middle, last = charts_of(BASE, second, third)
    assert nodes(middle.tree)["design"][1] == nodes(last.tree)["design"][1] == [("headcount", "人数 +2", "")]


def classed(name):
    """An XPath test for an element with the class ``name``."""
    return f"contains(concat(' ', @class, ' '), ' {name} ')"


def page_charts(html):
    """Per chart on the page: its caption and, per box, (classes, badge texts, detail lines)."""
    charts = []
    for figure in lxml.html.fromstring(html).xpath(f"//figure[{classed('compare-chart')}]"):
        boxes = {node.get("data-key"): (node.get("class").split(),
                                        [m.text_content() for m in node.xpath(f".//*[{classed('mark')}]")],
                                        [d.text_content() for d in node.xpath(f".//*[{classed('mark-detail')}]")])
                 for node in figure.xpath(f".//div[{classed('node')}]")}
        charts.append((figure.xpath(".//figcaption")[0].text_content(), boxes))
    return charts


def edited(plan):
    """The plan after a headcount change, a new manager for one role, a removed leaf role and an added role."""
    team = {r.code: r for r in TeamPlan.objects.with_team().get(pk=plan.pk).team}
    content, lead = team["content"], team["lead"]
    plan_role_update(plan_role=content, headcount=content.headcount + 2, reports_to=content.reports_to,
                     kpi_values={})
    managers = {r.reports_to_id for r in team.values()} | {r.merged_into_id for r in team.values()}
    mover = next(r for r in team.values() if r.staffed and r.reports_to_id not in (None, lead.pk)
                 and r.code != "content")
    plan_role_update(plan_role=mover, headcount=mover.headcount, reports_to=lead, kpi_values={})
    removed = next(r for r in team.values() if r.staffed and r.pk not in managers
                   and r.code not in ("lead", "content", mover.code))
    plan_role_remove(plan_role=removed)
    added = Role.objects.exclude(code__in=[*plan.roles.values_list("code", flat=True), removed.code]).first()
    plan_role_add(plan=TeamPlan.objects.get(pk=plan.pk), role=added)
    return mover, removed, added


@pytest.fixture
def growth_plan(manager, make_plan):
    return make_plan(manager, phase="growth", employees=600, industry="ecommerce", private_domain_users=120_000,
                     communities=150)


def test_two_versions_show_two_charts_with_every_kind_of_change_marked_in_words(manager_client, growth_plan):
    before = {r.code: r for r in growth_plan.roles.all()}
    mover, removed, added = edited(growth_plan)
    last = growth_plan.versions.count()
    html = manager_client.get(reverse("plans:compare") + f"?ids={growth_plan.pk}&versions=1,{last}").content

    (base_caption, base), (caption, boxes) = page_charts(html)
    assert "版本 1" in base_caption and "基准" in base_caption
    assert not any(marks for _classes, marks, _details in base.values())
    assert removed.code in base and added.code not in base
    assert "新增 1 个岗位" in caption and "移除 1 个岗位" in caption and "调整汇报" in caption
    assert boxes["content"][1] == ["人数 +2"]
    assert boxes[mover.code][1] == ["调整汇报"]
    assert boxes[mover.code][2] == [f"原汇报给{before[mover.code].reports_to.name_zh}"]
    assert boxes[added.code][1] == ["新增"] and "is-added" in boxes[added.code][0]
    classes, marks, _details = boxes[removed.code]
    assert marks == ["移除"] and "is-removed" in classes
    unmarked = [code for code, (_c, marks, _d) in boxes.items() if not marks and code != "unit"]
    assert unmarked and all(code in base for code in unmarked)


def test_every_marked_box_says_in_words_what_the_colour_shows(manager_client, growth_plan):
    edited(growth_plan)
    url = reverse("plans:compare") + f"?ids={growth_plan.pk}&versions=1,{growth_plan.versions.count()}"
    html = manager_client.get(url).content.decode()

    marked = [(classes, marks) for _caption, boxes in page_charts(html) for classes, marks, _d in boxes.values()
              if any(c.startswith("is-") for c in classes)]
    assert len(marked) >= 4 and all(marks and all(text.strip() for text in marks) for _classes, marks in marked)
    legend = lxml.html.fromstring(html).xpath(f"//*[{classed('mark-legend')}]")[0].text_content()
    for badge in ("新增", "单独设岗", "移除", "并入", "调整汇报", "人数 ±n"):
        assert badge in legend


def test_the_next_phase_chart_marks_the_roles_it_staffs_on_their_own(manager_client, manager, make_plan):
    plan = make_plan(manager, employees=80, industry="food_beverage", phase="launch", monthly_budget=40_000)
    merged = [r for r in TeamPlan.objects.with_team().get(pk=plan.pk).team if not r.staffed]
    html = manager_client.get(reverse("plans:compare") + f"?ids={plan.pk}&next=1").content

    (_caption, base), (caption, boxes) = page_charts(html)
    assert "成长期" in caption
    split = [code for code, (_c, marks, _d) in boxes.items() if marks == ["单独设岗"]]
    assert split and set(split) <= {r.code for r in merged}
    assert all(boxes[code][2][0].startswith("原由") for code in split)


def test_plans_side_by_side_are_drawn_with_the_legend_once(manager_client, manager, make_plan):
    small, big = make_plan(manager, company_name="小店"), make_plan(manager, company_name="大店", phase="growth")
    html = manager_client.get(reverse("plans:compare") + f"?ids={small.pk},{big.pk}").content.decode()

    assert [caption.split()[0] for caption, _boxes in page_charts(html)] == ["小店", "大店"]
    assert 'class="compare-charts compare-charts-2"' in html
    assert html.count('class="legend mark-legend"') == 1 and html.count('class="legend"') == 1
    assert 'aria-label="小店"' in html and 'aria-label="大店"' in html


def test_compare_page_query_count_stays_fixed_as_roles_grow(manager_client, manager, make_plan,
                                                           django_assert_num_queries):
    first, second = make_plan(manager), make_plan(manager)
    url = reverse("plans:compare") + f"?ids={first.pk},{second.pk}"
    manager_client.get(url)
    with CaptureQueriesContext(connection) as few:
        manager_client.get(url)
    for extra in Role.objects.exclude(code__in=second.roles.values("code")):
        plan_role_add(plan=TeamPlan.objects.get(pk=second.pk), role=extra)
    assert second.roles.count() > first.roles.count() + 2

    with django_assert_num_queries(len(few)):
        html = manager_client.get(url).content
    _base, (_caption, boxes) = page_charts(html)
    assert sum(marks == ["新增"] for _c, marks, _d in boxes.values()) >= 3
