"""Issue 13's pages as a user sees them on gunicorn with DEBUG off (the demo database of a new install)."""
import pytest

pytestmark = pytest.mark.browser
DEMO_BIG = "示例：鲜果工坊电商"  # setup_demo's growth-phase plan: 10+ roles


def plan_url(page, company):
    """The address of a plan, found on the plan list as a user would."""
    page.goto(page.base + "/plans/")
    return page.locator("table a", has_text=company).first.get_attribute("href")


@pytest.mark.parametrize(("language", "heading", "plans"), [("zh-hans", "不存在", "团队方案"),
                                                            ("en", "does not exist", "Team plans")])
def test_a_missing_page_is_ours_with_a_way_forward(visit, language, heading, plans):
    page = visit("/plans/999999/", language=language)

    assert page.response.status == 404
    assert heading in page.locator(".error-page h1").inner_text()
    assert page.locator(".error-page .actions a", has_text=plans).is_visible()
    assert "Traceback" not in page.content() and page.csp_violations == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_hr_is_not_offered_new_plan_and_a_forbidden_page_is_ours(visit, language):
    page = visit("/plans/", user="hr", language=language)
    assert page.locator(".topbar a[href='/wizard/']").count() == 0
    assert page.locator("a[href='/wizard/']").count() == 0

    response = page.goto(page.base + "/wizard/")
    assert response.status == 403
    assert page.locator(".error-code").inner_text() == "403"
    assert page.locator(".error-page .actions a").count() >= 2


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "表单已过期"), ("en", "This form has expired")])
def test_an_expired_form_is_explained_not_a_bare_csrf_error(visit, language, heading):
    page = visit("/accounts/login/", user=None, language=language)
    page.context.clear_cookies()  # the form outlived its cookie (expired, or cleared by the browser)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.base}])
    page.fill("#id_username", "manager")
    page.fill("#id_password", "whatever")
    with page.expect_navigation() as navigation:
        page.click("form button[type=submit]")

    assert navigation.value.status == 403
    assert page.locator(".error-page h1").inner_text() == heading
    assert page.locator(".error-page .actions a").count() >= 2


def test_plan_page_has_one_primary_action_and_a_downloads_menu(visit):
    page = visit("/plans/")
    page.goto(page.base + plan_url(page, DEMO_BIG))

    actions = page.locator(".page-head .actions")
    assert actions.locator(".button-primary").count() == 1
    menu = actions.locator("details.menu")
    assert not menu.locator(".menu-items a").first.is_visible()
    menu.locator("summary").click()
    assert menu.locator(".menu-items a").count() >= 8 and menu.locator(".menu-items a").first.is_visible()


def test_phone_tables_keep_their_labels_on_one_line(visit):
    page = visit("/plans/", width=390)
    for path in ("/plans/", plan_url(page, DEMO_BIG) + "kpi-sheets/"):
        page.goto(page.base + path)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
        labels = page.evaluate("""[...document.querySelectorAll('table.stack td[data-label]')]
            .filter(td => td.offsetParent).map(td => getComputedStyle(td, '::before').whiteSpace)""")
        assert len(labels) >= 6 and set(labels) == {"nowrap"}, path


def test_library_search_and_tier_filter_narrow_the_list(visit):
    page = visit("/library/")
    everything = page.locator(".role-card").count()

    page.fill("#library-q", "直播")
    page.press("#library-q", "Enter")
    page.wait_for_url("**/library/?q=*")
    found = page.locator(".search-bar .muted").inner_text()
    assert "直播" in page.locator("main").inner_text() and "个" in found
    assert page.locator(".role-card").count() < everything

    page.goto(page.base + "/library/?tier=back")
    assert page.locator("#library-tier").input_value() == "back"
    assert page.locator(".tier-section").count() == 1


def test_plan_list_puts_the_newest_first(visit):
    page = visit("/plans/")
    updated = page.locator("table.stack td:last-child").all_inner_texts()
    assert len(updated) >= 2 and updated == sorted(updated, reverse=True)


def test_the_favicon_is_served(visit):
    page = visit("/", user=None)
    href = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(page.base + href)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")


def test_a_chart_of_fourteen_roles_fits_a_laptop_screen_with_its_reports_stacked(visit):
    page = visit("/plans/", width=1366)
    page.goto(page.base + plan_url(page, DEMO_BIG) + "org-chart/")

    frame, view = page.locator(".orgchart-frame"), page.locator(".orgchart").bounding_box()
    assert page.locator(".orgchart .node").count() > 10 and page.locator(".stack-group").count() >= 1
    assert not page.locator(".scroll-hint").is_visible() and "is-scrollable" not in frame.get_attribute("class")
    edges = page.evaluate("""[...document.querySelectorAll('.orgchart .node')]
        .map(node => [node.getBoundingClientRect().left, node.getBoundingClientRect().right])""")
    assert min(left for left, _right in edges) >= view["x"]
    assert max(right for _left, right in edges) <= view["x"] + view["width"] + 1
    assert page.csp_violations == []


def test_a_chart_of_fourteen_roles_scrolls_on_a_phone_with_a_cue_and_opens_on_the_lead(visit):
    page = visit("/plans/", width=390)
    page.goto(page.base + plan_url(page, DEMO_BIG) + "org-chart/")
    assert page.locator(".orgchart .node").count() > 10

    chart = page.locator(".orgchart")
    frame = page.locator(".orgchart-frame")
    assert page.locator(".scroll-hint").is_visible() and "横向滚动" in page.locator(".scroll-hint").inner_text()
    assert "is-scrollable" in frame.get_attribute("class")
    view = chart.bounding_box()
    for node in ('[data-key="unit"]', ".orgchart > ul > li > ul > li > .node"):  # the unit, then the lead
        box = page.locator(node).first.bounding_box()
        assert box["x"] >= view["x"] and box["x"] + box["width"] <= view["x"] + view["width"], node

    for edge, script in (("start", "c => c.scrollLeft = 0"), ("end", "c => c.scrollLeft = c.scrollWidth")):
        chart.evaluate(script)
        page.locator(f".orgchart-frame.at-{edge}").wait_for()  # a selector, not a script: the CSP forbids eval
        edges = page.evaluate("""[...document.querySelectorAll('.orgchart .node')]
            .map(node => [node.getBoundingClientRect().left, node.getBoundingClientRect().right])""")
        if edge == "start":
            assert min(left for left, _right in edges) >= view["x"]  # nothing cut off at the left edge
        else:
            assert max(right for _left, right in edges) <= view["x"] + view["width"] + 1
    assert page.csp_violations == []
