"""Deeply nested JSON, NUL in addresses and health checks that tell the truth."""
import os
import subprocess
import sys

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.serving import ROOT

NESTED = "[" * 50_000 + "]" * 50_000


@pytest.mark.parametrize("url", ["/api/token/", "/api/plans/", "/api/recommendations/"])
def test_deeply_nested_json_is_a_json_400(api, url):
    for client in (api, APIClient()):
        response = client.generic("POST", url, NESTED, content_type="application/json")
        assert response.status_code in (400, 401) and response["Content-Type"].startswith("application/json")
    assert api.generic("POST", url, NESTED, content_type="application/json").status_code == 400


@pytest.mark.parametrize("url", ["/library/le%00ad/", "/api/roles/le%00ad/", "/api/kpis/x%00/", "/plans/1%00/"])
def test_a_nul_in_the_address_is_a_404(manager_client, url):
    assert manager_client.get(url).status_code in (400, 404)


@override_settings(REDIS_URL="redis://127.0.0.1:1/0",
                   CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:1/0"}})
def test_healthz_is_503_when_the_configured_redis_is_down(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["cache"] == "unavailable"


def test_healthz_is_503_when_the_sqlite_file_is_missing(tmp_path):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'gone.sqlite3'}", "REDIS_URL": ""}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                             "from django.test import Client; print(Client().get('/healthz').status_code)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-1] == "503", result.stdout + result.stderr


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Token not-a-real-token"}])
def test_missing_or_bad_credentials_are_a_401_naming_the_scheme(db, headers):
    response = APIClient().get("/api/plans/", **headers)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
