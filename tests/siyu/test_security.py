"""Login throttling, CSRF, login walls and production settings."""
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from siyu.auth import MAX_FAILURES
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_repeated_failures_lock_only_that_account(client, manager, other_manager):
    for _ in range(MAX_FAILURES):
        assert login(client, manager.username, "wrong").status_code == 200

    locked = login(client, manager.username, "pw-" + manager.username)
    assert locked.status_code == 200 and "_auth_user_id" not in client.session
    assert locked.context["form"].errors["__all__"][0].startswith(("Too many", "该账号"))

    other = Client()  # same address, another user
    assert login(other, other_manager.username, "pw-" + other_manager.username).status_code == 302


def test_a_success_clears_the_failure_count(client, manager):
    for _ in range(MAX_FAILURES - 1):
        login(client, manager.username, "wrong")
    assert login(client, manager.username, "pw-" + manager.username).status_code == 302
    client.logout()
    for _ in range(MAX_FAILURES - 1):
        login(client, manager.username, "wrong")
    assert login(client, manager.username, "pw-" + manager.username).status_code == 302


def test_locked_account_cannot_get_an_api_token(client, manager):
    for _ in range(MAX_FAILURES):
        login(client, manager.username, "wrong")
    response = client.post("/api/token/", {"username": manager.username, "password": "pw-" + manager.username},
                           content_type="application/json")
    assert response.status_code == 400 and "token" not in response.json()


@pytest.mark.parametrize("url", ["/plans/", "/wizard/", "/plans/1/", "/plans/1/org-chart/"])
def test_plan_pages_need_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", ["/", "/library/", "/library/lead/", "/accounts/login/", "/healthz"])
def test_public_pages_are_public(client, db, url):
    assert client.get(url).status_code == 200


def test_forms_refuse_a_missing_csrf_token(db, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(reverse("wizard:start"), {"company_name": "x", "employees": 5, "industry": "retail"})
    assert response.status_code == 403


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/library/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/library/")["X-Frame-Options"] == "DENY"


def test_healthz_checks_the_database(client, db):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_users_without_a_group_cannot_plan(client, db):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("wizard:start")).status_code == 403


def test_check_deploy_is_clean_in_production_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for browser tests
    env |= {"DEBUG": "0", "SECRET_KEY": "x" * 60 + "-production-like-secret-key",
           "ALLOWED_HOSTS": "siyu.example.com"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_tries_during_the_cool_off_do_not_extend_it(client, manager):
    from django.db import connection

    for _ in range(MAX_FAILURES + 3):
        login(client, manager.username, "wrong")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM siyu_cache")
        assert cursor.fetchone()[0] == MAX_FAILURES


def test_the_lead_role_cannot_be_deleted_in_the_admin(client, db):
    from django.contrib.auth.models import User

    from teams.models import Role

    client.force_login(User.objects.create_superuser("root", password="x"))
    lead = Role.objects.get(code="lead")
    assert client.post(reverse("admin:teams_role_delete", args=[lead.pk]), {"post": "yes"}).status_code == 403
    assert Role.objects.filter(code="lead").exists()


def test_a_write_sent_to_http_is_redirected_with_308_which_keeps_the_method(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    post = client.post("/api/plans/", {}, content_type="application/json")
    get = client.get("/api/plans/")

    assert post.status_code == 308 and post["Location"] == "https://testserver/api/plans/"
    assert get.status_code == 301 and get["Location"] == "https://testserver/api/plans/"
