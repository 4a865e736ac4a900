"""The library admin in a real browser: the role page fits 1366 px with a running KPI weight total, the import
page lists problems in full, and the export page runs within the content security policy."""
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from teams.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("SCREENSHOTS", "/tmp/siyu-admin-shots"))


@pytest.fixture
def admin_page(browser, live_server, library):
    User.objects.create_superuser("root", password="pw-root-1234")

    def open_page(width, path):
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
        page = context.new_page()
        page.csp_violations = []
        page.on("console", lambda message: "Content Security Policy" in message.text
                and page.csp_violations.append(message.text))
        page.goto(live_server.url + "/admin/login/?next=" + path)
        page.fill("#id_username", "root")
        page.fill("#id_password", "pw-root-1234")
        page.click("input[type=submit]")
        page.wait_for_load_state()
        return page

    return open_page


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_role_page_fits_1366_and_keeps_a_running_kpi_weight_total(admin_page):
    role = Role.objects.get(code="lead")
    page = admin_page(1366, f"/admin/teams/role/{role.pk}/change/")

    assert overflow(page) <= 0
    total = page.locator(".weight-total")
    assert total.locator(".weight-total-value").inner_text() == "100"
    assert "weight-total-off" not in total.get_attribute("class")
    assert page.locator("#duties-group input.role-line").count() >= 2, "duties are one-line inputs"
    assert page.locator("#duties-group textarea").count() == 0
    shoot(page, "role-change-1366")

    first = page.locator('#role_kpis-group input[name$="-weight"]').first
    old = int(first.input_value())
    first.fill(str(old + 5))
    assert total.locator(".weight-total-value").inner_text() == "105"
    assert "weight-total-off" in total.get_attribute("class")
    assert "5" in total.locator(".weight-total-note").inner_text()

    page.locator('#role_kpis-group input[name$="-DELETE"]').first.check()
    assert total.locator(".weight-total-value").inner_text() == str(100 - old)
    assert page.csp_violations == []


def test_role_page_at_phone_width_scrolls_its_inlines_not_the_page(admin_page):
    role = Role.objects.get(code="user_ops")
    page = admin_page(390, f"/admin/teams/role/{role.pk}/change/")
    shoot(page, "role-change-390")
    assert page.locator(".weight-total-value").inner_text() == "100"
    assert page.csp_violations == []


@pytest.mark.parametrize("width", [1366, 390])
def test_import_page_with_errors_lists_them_in_full(admin_page, tmp_path, width):
    bad = tmp_path / "roles.csv"
    bad.write_text("code,name_zh,name_en,tier,is_core,default_parent,budget_merge_into,leads_tier,order,"
                   "summary_zh,summary_en,source\nlead,操盘手,Lead,sideways,是,,,,1,概述,Summary,S2\n", "utf-8")
    page = admin_page(width, "/admin/teams/role/import/")
    page.select_option("#id_format", label="csv")
    page.set_input_files("#id_import_file", str(bad))
    page.click("input[type=submit]")
    page.wait_for_selector(".import-problems")

    text = page.locator(".import-problems").inner_text()
    assert "第 2 行，tier 列" in text and "front（前台）" in text
    shoot(page, f"import-errors-{width}")
    assert page.csp_violations == []


@pytest.mark.parametrize("width", [1366, 390])
def test_export_page_select_all_works_within_the_content_security_policy(admin_page, width):
    page = admin_page(width, "/admin/teams/role/export/")
    boxes = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert boxes.count() > 5
    assert "名称（中文） (name_zh)" in page.content()

    page.locator(".select-toggle").uncheck()
    assert all(not boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.locator(".select-toggle").check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    shoot(page, f"export-{width}")
    assert page.csp_violations == []
