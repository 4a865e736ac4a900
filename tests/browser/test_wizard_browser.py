"""The wizard walked end to end in a real browser, as a manager would."""
import pytest

from plans.models import TeamPlan

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_company_with_a_wrong_answer_first(page):
    """Step 1, with a wrong answer first: the error shows next to the field."""
    page.fill("#id_company_name", "桃园茶饮")
    page.fill("#id_employees", "0")
    page.select_option("#id_industry", "food_beverage")
    page.click("button[name=next]")
    assert page.locator("#id_employees_error").is_visible()
    page.fill("#id_employees", "150")
    page.click("button[name=next]")


def answer_situation(page):
    """Step 2."""
    assert page.locator(".steps li[aria-current=step]").inner_text().endswith(page.locator("form h2").inner_text())
    page.check("input[name=phase][value=growth]")
    page.check("#id_live_streaming")
    page.fill("#id_member_share", "40")
    page.click("button[name=next]")


def answer_workload_leaving_skus_unknown(page):
    """Step 3: the workload, with the SKU count left empty ("I don't know")."""
    page.fill("#id_private_domain_users", "12000")
    page.fill("#id_communities", "30")
    page.fill("#id_stores", "6")
    page.click("button[name=next]")


def answer_budget_going_back_once(page):
    """Step 4, then Back: the answers of step 3 are still there."""
    page.fill("#id_headcount_budget", "12")
    page.click("button[name=back]")
    assert page.input_value("#id_private_domain_users") == "12000"
    assert page.input_value("#id_sku_count") == ""
    page.click("button[name=next]")
    assert page.input_value("#id_headcount_budget") == "12"
    page.click("button[name=next]")


def review_and_save(page):
    """Review: the recommended team and its reasons, nothing saved yet."""
    assert page.locator("#review-team tr[data-role=lead]").is_visible()
    assert page.locator("#review-team tr[data-role=live]").is_visible()
    assert page.locator("#review-team .reasons li").count() > 5
    assert not TeamPlan.objects.exists()
    page.click("button[name=save]")


def test_manager_walks_the_wizard_and_saves_a_plan(page, library, manager):
    log_in(page, manager)
    page.goto(page.base + "/")
    page.click("a[href='/wizard/']")  # one click from the home page

    answer_company_with_a_wrong_answer_first(page)
    answer_situation(page)
    answer_workload_leaving_skus_unknown(page)
    answer_budget_going_back_once(page)
    review_and_save(page)

    plan = TeamPlan.objects.get()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert page.locator("h1").inner_text() == "桃园茶饮"
    assert page.locator("#role-live").is_visible()
    assert plan.owner == manager and plan.total_headcount <= 12
    assert (plan.private_domain_users, plan.communities, plan.stores, plan.sku_count) == (12000, 30, 6, None)
    assert page.csp_violations == []


def test_interface_is_chinese_by_default_and_switches_to_english(page, library, manager):
    log_in(page, manager)
    page.goto(page.base + "/library/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "岗位库" in page.locator("h1").inner_text()

    page.click("button[name=language][value=en]")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Role library"
    assert page.csp_violations == []
