"""Issue 13's flows on gunicorn with DEBUG off: the wizard's answers and messages, discarding a draft, and
browser Back after saving, removing and deleting (it leads on, never to a 404)."""
import re

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def message(page):
    return page.locator(".messages").inner_text()


@pytest.mark.parametrize(("language", "range_message"), [("zh-hans", "请输入 1 到"),
                                                         ("en", "Enter a whole number from 1 to")])
def test_wizard_answers_review_save_and_back_to_the_plan(visit, language, range_message):
    page = visit("/wizard/", language=language)
    assert "---------" not in page.locator("#id_industry").inner_text()
    page.fill("#id_company_name", "回退测试品牌")
    page.fill("#id_employees", "abc")
    page.select_option("#id_industry", "food_beverage")
    page.click("button[name=next]")
    assert range_message in page.locator("#id_employees_error").inner_text()  # not "this field is required"

    page.fill("#id_employees", "150")
    page.click("button[name=next]")
    assert "---------" not in page.locator("main form").inner_text()
    page.check("input[name=phase][value=growth]")
    for _step in range(3):  # situation, workload, constraints: the defaults
        page.click("button[name=next]")

    answers = page.locator("#review-answers").inner_text()
    assert "回退测试品牌" in answers and "150" in answers
    save = page.locator("button[name=save]").first
    assert save.bounding_box()["y"] < page.locator("#review-answers").bounding_box()["y"]  # Save at the top
    save.click()
    page.wait_for_url(re.compile(r".*/plans/\d+/$"))
    plan = page.url

    page.go_back()  # to the review of a draft that is now the plan
    assert page.url == plan
    assert message(page)
    page.goto(page.base + "/plans/")
    assert "回退测试品牌" in page.locator("table.stack tbody tr").first.inner_text()  # newest first
    assert page.csp_violations == []


def test_a_draft_is_discarded_and_back_leads_to_the_wizard_start(visit):
    page = visit("/wizard/")
    page.fill("#id_company_name", "放弃的草稿")
    page.fill("#id_employees", "80")
    page.select_option("#id_industry", "retail")
    page.click("button[name=next]")
    page.goto(page.base + "/plans/")

    draft = page.locator("li", has_text="放弃的草稿")
    draft.locator("button", has_text="丢弃").click()
    assert message(page)
    assert page.locator("li", has_text="放弃的草稿").count() == 0

    page.go_back()  # the list before the discard
    page.go_back()  # the draft's step 2
    assert page.url.endswith("/wizard/")
    assert "该草稿已丢弃" in message(page)


def test_back_after_a_role_edit_and_a_role_removal_stays_on_the_plan(visit):
    page = visit("/plans/")
    page.locator("table a", has_text="示例：小满茶饮").first.click()
    plan = page.url

    role = page.locator("article", has=page.locator("a", has_text="移除")).first
    role.locator("a", has_text="编辑").click()
    page.fill("#id_headcount", "2")
    page.click("form button[type=submit]")
    page.wait_for_url(plan)
    page.go_back()
    assert page.locator("#id_headcount").input_value() == "2"  # the edit form, showing what was saved

    page.goto(plan)
    page.locator("article a", has_text="移除").first.click()
    page.click("form button.button-danger")
    page.wait_for_url(plan)
    page.go_back()  # the removed role's confirm page
    assert page.url == plan and "该岗位已不在方案中" in message(page)


def test_back_after_deleting_a_plan_leads_to_the_plan_list(visit):
    page = visit("/plans/")
    page.locator("table a", has_text="示例：小满茶饮").first.click()
    page.locator(".page-head button", has_text="复制").click()
    copy = page.url
    page.locator(".page-head a.button-danger").click()
    page.click("form button.button-danger")
    page.wait_for_url("**/plans/")

    page.go_back()  # the delete confirmation of a plan that is gone
    assert page.url.endswith("/plans/") and "该方案已删除" in message(page)
    response = page.goto(copy)
    assert response.url.endswith("/plans/")  # the plan's own page leads there too


def test_adding_a_role_from_a_cached_plan_page_uses_this_visitors_token(visit, browser, served):
    first = visit("/plans/")
    plan = first.locator("table a").first.get_attribute("href")
    visit(plan)  # this session draws the plan page and caches its parts
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base = served.url
    log_in(page, "manager", served.passwords["manager"])  # the same owner in a second browser: its own session
    page.wait_for_url(served.url + "/")
    page.goto(served.url + plan)
    role = page.locator("select[name=role] option").nth(1)
    name = role.inner_text()
    page.select_option("select[name=role]", role.get_attribute("value"))
    page.click("button[form=add-role]")
    page.wait_for_url(re.compile(r".*/plans/\d+/$"))

    assert name in message(page)
    assert any(name in title for title in page.locator(".role-card h3").all_inner_texts())
    context.close()
