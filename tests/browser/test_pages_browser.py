"""Pages in a real browser: offline API docs, no CSP violations, nothing overflowing at phone width."""
import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_work_offline_within_the_content_security_policy(page, library, manager):
    log_in(page, manager)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page.base + "/api/docs/")
    page.wait_for_selector(".opblock")

    assert page.locator(".opblock").count() >= 10
    assert all(url.startswith(page.base) or url.startswith("data:") for url in requests)  # no CDN
    assert page.csp_violations == []


def test_pages_fit_a_phone_screen(browser, live_server, library, manager, make_plan):
    plan = make_plan(manager, phase="growth", employees=500, industry="ecommerce", live_streaming=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.base = live_server.url
    log_in(phone, manager)
    for path in ["/", "/library/", "/wizard/", "/plans/", plan.get_absolute_url(), f"/plans/{plan.pk}/kpi-sheets/"]:
        phone.goto(live_server.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    # The org chart scrolls inside its own box rather than widening the page.
    phone.goto(f"{live_server.url}/plans/{plan.pk}/org-chart/")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert phone.evaluate("document.querySelector('.orgchart').scrollWidth") > 390
    # ... and opens centred, so the top of the tree (the unit and the lead) is on screen.
    for node in ['[data-key="unit"]', f'[data-key="{plan.roles.get(code="lead").pk}"]']:
        box = phone.locator(node).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (node, box)
    context.close()
