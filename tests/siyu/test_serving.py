"""Production mode: gunicorn with DEBUG off, whitenoise static files, two app servers sharing one database.

Runs real gunicorn processes against a database of their own (PostgreSQL when DATABASE_URL
points at one, else a SQLite file), with Redis as the shared cache when it answers.
"""
import http.cookiejar
import re
import socket
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest

from tests.serving import gunicorn, manage, migrate, own_database, production_env


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    with own_database(tmp_path_factory.mktemp("serving"), "serving") as url:
        yield url


@pytest.fixture(scope="module", params=["local-cache", "redis"])
def servers(request, database_url, static_root):
    if request.param == "redis" and not redis_answers():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    env = production_env(database_url, static_root,
                         REDIS_URL="redis://127.0.0.1:6379/15" if request.param == "redis" else "")
    migrate(env)
    manage(env, "shell", "-c", "from django.contrib.auth.models import User;"
           "User.objects.filter(username='servuser').delete();"
           "User.objects.create_user('servuser', password='serv-pass-123')")
    with ExitStack() as stack:
        yield [stack.enter_context(gunicorn(env)) for _server in range(2)]


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def test_a_login_on_one_server_is_a_login_on_the_other(servers):
    first, second = servers
    opener, jar = browser()
    page = opener.open(first + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "servuser", "password": "serv-pass-123",
                                   "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(first + "/accounts/login/", data=data, headers={"Referer": first})
    assert opener.open(request).url.rstrip("/") == first  # redirected home

    response = opener.open(second + "/plans/")
    assert response.status == 200 and response.url == second + "/plans/"


def test_static_files_are_served_without_debug(servers):
    page = urllib.request.urlopen(servers[0] + "/library/").read().decode()
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', page).group(1)  # hashed by the manifest
    response = urllib.request.urlopen(servers[1] + stylesheet)
    assert response.status == 200 and b".orgchart" in response.read()
    assert "max-age" in response.headers["Cache-Control"]


def test_health_endpoint_and_security_headers(servers):
    response = urllib.request.urlopen(servers[0] + "/healthz")
    assert response.status == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
