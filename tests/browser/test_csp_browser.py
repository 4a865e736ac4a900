"""Every kind of page in chromium under the strict content security policy: zero violations reported —
our pages, the account pages, the error pages (404, 403, the expired-form 403 and 500) and the admin pages."""
import pytest
from django.urls import reverse

from tests.conftest import make_user

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, path):
    response = page.goto(page.base + path)
    page.wait_for_load_state("load")
    return response


def test_app_and_account_pages_report_no_csp_violation(page, library, manager, make_plan, settings):
    settings.PASSWORD_RESET_ENABLED = True
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce", live_streaming=True)
    role = plan.roles.get(code="content")
    for path in ["/accounts/login/", "/accounts/password_reset/", "/accounts/reset/MQ/bad-token/"]:
        assert visit(page, path).status == 200, path
    log_in(page, manager)
    paths = ["/", "/library/", "/library/lead/", "/plans/", plan.get_absolute_url(),
             reverse("plans:role-edit", args=[plan.pk, role.pk]), reverse("plans:role-remove", args=[plan.pk, role.pk]),
             reverse("plans:org-chart", args=[plan.pk]), reverse("plans:kpi-sheets", args=[plan.pk]),
             reverse("wizard:start"), reverse("password_change")]
    for path in paths:
        assert visit(page, path).status == 200, path
    assert page.csp_violations == []


def test_error_pages_report_no_csp_violation(page, library, manager, other_manager, make_plan, settings):
    settings.ROOT_URLCONF = "tests.siyu.urls_boom"
    theirs = make_plan(other_manager)
    log_in(page, manager)
    assert visit(page, "/no/such/page/").status == 404
    assert visit(page, reverse("plans:role-edit", args=[theirs.pk, theirs.roles.first().pk])).status == 404
    assert visit(page, "/boom/").status == 500
    assert "500" in page.inner_text(".error-code")

    visit(page, reverse("wizard:start"))
    page.context.clear_cookies(name="csrftoken")  # as when the form sat open past a cookie clean-up
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.click(".lang-form button")
    assert answer.value.status == 403 and "表单已过期" in page.content()

    page.context.clear_cookies()
    log_in(page, make_user("hr-browser", "HR", is_staff=True))
    assert visit(page, reverse("plans:role-edit", args=[theirs.pk, theirs.roles.first().pk])).status == 403
    assert page.csp_violations == []


def test_admin_pages_report_no_csp_violation(page, library, manager, make_plan):
    plan = make_plan(manager)
    root = make_user("root", is_staff=True, is_superuser=True)
    log_in(page, root)
    role_pk = plan.roles.get(code="lead").role_id
    paths = [reverse("admin:index"), reverse("admin:teams_role_changelist"),
             reverse("admin:teams_role_change", args=[role_pk]), reverse("admin:teams_role_add"),
             reverse("admin:kpis_kpitemplate_changelist"), reverse("admin:teams_staffingrule_changelist"),
             reverse("admin:plans_teamplan_changelist"), reverse("admin:plans_teamplan_change", args=[plan.pk]),
             reverse("admin:password_change")]
    for path in paths:
        assert visit(page, path).status == 200, path
    visit(page, reverse("admin:teams_role_changelist"))
    page.check("#action-toggle")  # the admin's own scripts run: select all, choose an action
    page.select_option("select[name=action]", index=1)
    assert page.csp_violations == []


def test_two_tabs_editing_one_role_the_second_save_is_refused(browser, live_server, library, manager, make_plan):
    """Two browser contexts of the plan's owner: the later save, made on an older page, saves nothing and
    shows the values the first one saved."""
    plan = make_plan(manager)
    role = plan.roles.get(code="content")
    url = live_server.url + reverse("plans:role-edit", args=[plan.pk, role.pk])
    tabs = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        tab = context.new_page()
        tab.base, tab.csp_violations = live_server.url, []
        tab.on("console", lambda message, tab=tab: "Content Security Policy" in message.text
               and tab.csp_violations.append(message.text))
        log_in(tab, manager)
        tab.goto(url)
        tabs.append(tab)
    first, second = tabs
    first.fill("#id_headcount", "3")
    first.click("button.button-primary")
    first.wait_for_url(live_server.url + plan.get_absolute_url())

    second.fill("#id_headcount", "5")
    second.click("button.button-primary")
    second.wait_for_selector(".conflict")

    assert "此方案已被他人修改" in second.inner_text(".conflict")
    assert second.input_value("#id_headcount") == "3"
    assert plan.roles.get(code="content").headcount == 3
    assert first.csp_violations == second.csp_violations == []
    for tab in tabs:
        tab.context.close()
