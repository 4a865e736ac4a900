"""Production mode: gunicorn with DEBUG off, whitenoise static files, two app servers sharing one database.

Runs real gunicorn processes against a database of their own (PostgreSQL when DATABASE_URL
points at one, else a SQLite file), with Redis as the shared cache when it answers.
"""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('serving') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"siyu_serving_{os.getpid()}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["local-cache", "redis"])
def servers(request, database_url, tmp_path_factory):
    if request.param == "redis" and not redis_answers():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "serving-test-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "DATABASE_URL": database_url,
           "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
           "REDIS_URL": "redis://127.0.0.1:6379/15" if request.param == "redis" else ""}
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run(manage + ["shell", "-c", "from django.contrib.auth.models import User;"
                             "User.objects.filter(username='servuser').delete();"
                             "User.objects.create_user('servuser', password='serv-pass-123')"],
                   cwd=ROOT, env=env, check=True, timeout=120)
    ports = [free_port(), free_port()]
    processes = [subprocess.Popen([str(GUNICORN), "siyu.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


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
