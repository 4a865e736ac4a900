"""What a browser receives from a production server (DEBUG off): cookie flags and which proxy headers count."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_probe(tmp_path, **env):
    """Start ``production_probe`` with production settings and the extra environment; its findings."""
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}}
    base |= {"DEBUG": "0", "SECRET_KEY": "probe-" + "s" * 60, "ALLOWED_HOSTS": "siyu.example.com",
             "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}", "REDIS_URL": "", **env}
    result = subprocess.run([sys.executable, "-m", "tests.siyu.production_probe"], cwd=ROOT, env=base,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def direct(tmp_path_factory):
    """Served straight to the internet: no proxy setting."""
    return run_probe(tmp_path_factory.mktemp("direct"))


@pytest.fixture(scope="module")
def behind_proxy(tmp_path_factory):
    return run_probe(tmp_path_factory.mktemp("proxy"), TRUST_PROXY_HEADERS="1")


@pytest.mark.parametrize("name", ["language", "csrf", "session"])
def test_every_cookie_is_https_only_same_site_and_hidden_from_scripts(direct, name):
    assert direct["cookies"][name] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_a_client_claiming_https_over_plain_http_is_still_redirected_to_https(direct):
    assert direct["https_claimed_over_http"] == 301


def test_a_client_written_forwarded_for_is_not_its_address(direct):
    assert direct["client_address"] == "10.0.0.2"


def test_behind_a_trusted_proxy_its_https_header_counts(behind_proxy):
    assert behind_proxy["https_claimed_over_http"] == 200


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(behind_proxy):
    """The last X-Forwarded-For entry is the proxy's own; the ones before it the client may have forged."""
    assert behind_proxy["client_address"] == "198.51.100.7"


def test_cookies_stay_plain_for_local_http_when_secure_cookies_is_off(tmp_path):
    found = run_probe(tmp_path, SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0")
    assert found["cookies"]["language"] == {"secure": False, "httponly": True, "samesite": "Lax"}
