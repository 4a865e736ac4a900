"""Strict CSP on every page: each HTML response carries the policy and holds no inline script, style or
event handler (which the policy would block, breaking the page). The browser test proves the same in chromium."""
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from plans.models import WizardDraft

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=[\"']", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.I), "event handler attribute"),
    (re.compile(r"href=[\"']javascript:", re.I), "javascript: link"),
]
SKIP_ADMIN = ("/import/", "/export/")  # the import/export pages are another change's


def inline_parts(html):
    return [f"{name}: {match.group(0)[:80]}" for pattern, name in INLINE for match in pattern.finditer(html)]


def assert_strict(response, url):
    assert "text/html" in response["Content-Type"], url
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy, url
    assert inline_parts(response.content.decode()) == [], url


def app_pages(plan, role, draft):
    return [
        "/", "/library/", "/library/lead/", "/plans/", reverse("plans:detail", args=[plan.pk]),
        reverse("plans:role-edit", args=[plan.pk, role.pk]), reverse("plans:role-remove", args=[plan.pk, role.pk]),
        reverse("plans:delete", args=[plan.pk]), reverse("plans:org-chart", args=[plan.pk]),
        reverse("plans:kpi-sheets", args=[plan.pk]), reverse("plans:rename", args=[plan.pk]),
        reverse("wizard:start"),
        reverse("wizard:step", args=[draft.pk, 5]), reverse("password_change"), "/api/docs/",
    ]


@pytest.fixture
def draft(manager):
    from tests.conftest import COMPANY, CONSTRAINTS, SITUATION, WORKLOAD

    answers = {**COMPANY, **SITUATION, **WORKLOAD, **CONSTRAINTS}
    answers |= {"employees": 150, "business_lines": 1, "member_share": 40, "strategic": False,
                "live_streaming": True, "communities": 0, "stores": 0, "has_mall": False,
                "private_domain_users": None, "sku_count": None, "headcount_budget": None, "monthly_budget": None}
    return WizardDraft.objects.create(owner=manager, answers=answers, step=5)


def test_every_app_page_is_strict(manager_client, plan, role, draft):
    for url in app_pages(plan, role, draft):
        response = manager_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)


def test_login_and_account_pages_are_strict(client, db, settings):
    settings.PASSWORD_RESET_ENABLED = True
    for url in [reverse("login"), reverse("password_reset"), reverse("password_reset_done"),
                "/accounts/reset/MQ/bad-token/", reverse("password_reset_complete")]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_strict(response, url)


def test_error_pages_are_strict(client, manager, hr_user, plan, role, settings):
    settings.ROOT_URLCONF = "tests.siyu.urls_boom"
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(manager)
    client.force_login(hr_user)
    failing = Client(raise_request_exception=False)
    pages = [
        (client.get("/no/such/page/"), 404),
        (client.get(reverse("plans:role-edit", args=[plan.pk, role.pk])), 403),
        (csrf.post(reverse("plans:duplicate", args=[plan.pk])), 403),
        (failing.get("/boom/"), 500),
    ]
    for response, status in pages:
        assert response.status_code == status
        assert_strict(response, status)


def admin_urls(user):
    """Every admin list, add and change page we register, plus the index and the password change."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if model_admin.has_add_permission(_request(user)):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[first.pk]))
    return [url for url in urls if not url.endswith(SKIP_ADMIN)]


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_every_admin_page_we_render_is_strict(client, plan):
    root = User.objects.create_superuser("root", password="root-pass-123")
    client.force_login(root)
    problems = {}
    for url in admin_urls(root):
        response = client.get(url)
        assert response.status_code == 200, url
        found = inline_parts(response.content.decode())
        if found or "script-src 'self'" not in response.get("Content-Security-Policy", ""):
            problems[url] = found
    assert problems == {}
