"""The comparison's org charts as a user sees them on gunicorn: side by side when they fit, else stacked at one
scale, scrolling sideways together; every change a badge in words."""
import re

import pytest

from .test_served_pages import DEMO_BIG, plan_url

pytestmark = pytest.mark.browser
DEMO_SMALL = "示例：小满茶饮"  # setup_demo's launch-phase plan: 3 people, most roles merged into the lead


def plan_id(page, company):
    return re.search(r"/plans/(\d+)/", plan_url(page, company))[1]


def tops(page):
    return [box["y"] for box in (f.bounding_box() for f in page.locator("figure.compare-chart").all())]


def zooms(page):
    return page.evaluate("[...document.querySelectorAll('.compare-chart .orgchart > ul')].map(t => t.style.zoom)")


@pytest.fixture
def small_copy(visit):
    """A copy of the small demo plan, made and deleted again through the plan page's buttons."""
    page = visit("/plans/")
    page.goto(page.base + plan_url(page, DEMO_SMALL))
    original = re.search(r"/plans/(\d+)/", page.url)[1]
    with page.expect_navigation():
        page.locator("button[form='plan-duplicate']").click()
    copy = re.search(r"/plans/(\d+)/", page.url)[1]
    page.goto(page.base + "/plans/")
    assert page.locator(f"a[href='/plans/{copy}/']").count() > 0
    yield original, copy
    page.goto(page.base + f"/plans/{copy}/delete/")
    with page.expect_navigation():
        page.locator("main form button.button-danger").click()
    page.goto(page.base + "/plans/")
    assert page.locator(f"a[href='/plans/{copy}/']").count() == 0  # gone again: the other tests see the demo


def test_charts_that_fit_sit_side_by_side(visit, small_copy):
    original, copy = small_copy
    page = visit(f"/plans/compare/?ids={original},{copy}")

    first, second = tops(page)
    assert first == second and "is-stacked" not in page.locator(".compare-charts").get_attribute("class")
    assert page.locator(".compare-chart").nth(1).locator(".badge", has_text="与第一列相同").is_visible()
    assert page.csp_violations == []


@pytest.mark.parametrize("width", [1366, 390])
def test_wide_charts_stack_at_one_scale(visit, width):
    page = visit("/plans/", width=width)
    page.goto(page.base + f"/plans/compare/?ids={plan_id(page, DEMO_SMALL)},{plan_id(page, DEMO_BIG)}")

    first, second = tops(page)
    assert second > first
    assert len(set(zooms(page))) == 1
    assert page.locator(".compare-chart").nth(1).locator(".mark", has_text="新增").count() >= 5
    assert page.csp_violations == []


def test_scrolling_one_chart_sideways_brings_the_other_along(visit):
    page = visit("/plans/", width=390)  # on a phone both charts of the large plan scroll
    page.goto(page.base + f"/plans/compare/?ids={plan_id(page, DEMO_BIG)}&next=1")

    first = page.locator(".compare-chart .orgchart-frame").first
    assert "is-scrollable" in first.get_attribute("class") and "at-end" not in first.get_attribute("class")
    page.locator(".compare-chart .orgchart").nth(1).evaluate("c => c.scrollLeft = c.scrollWidth")
    page.locator(".compare-chart:first-child .orgchart-frame.at-end").wait_for()
    assert page.csp_violations == []
