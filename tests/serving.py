"""Running the app as production does, for tests: gunicorn with DEBUG off over a database of its own.

Shared by the two-server tests (``tests/siyu/test_serving.py``) and the browser tests against gunicorn
(``tests/browser/conftest.py``). The database is PostgreSQL (a separate, throwaway database name) when
DATABASE_URL points at one, else a SQLite file in a temporary directory.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, seconds=30):
    """Until /healthz answers 200, or ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def own_database(directory, name):
    """A database URL of its own, dropped afterwards: ``siyu_<name>_<pid>`` on PostgreSQL, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{Path(directory) / f'{name}.sqlite3'}"
        return
    import psycopg

    database = f"siyu_{name}_{os.getpid()}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + database
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def production_env(database_url, static_root, **extra):
    """The environment of a production server on this machine: DEBUG off, a secret key, plain HTTP."""
    return {**os.environ, "DEBUG": "0", "SECRET_KEY": "serving-test-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "DATABASE_URL": database_url,
            "STATIC_ROOT": str(static_root), "REDIS_URL": "", **extra}


def manage(env, *command) -> str:
    """``manage.py`` run as production would run it; its output."""
    return subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=900,
                          capture_output=True, text=True).stdout


def collect_static(static_root):
    """collectstatic as production runs it (hashed names, compressed copies); slow, so once per test session
    (the ``static_root`` fixture)."""
    manage(production_env("sqlite://:memory:", static_root), "collectstatic", "--noinput", "-v0")
    return static_root


def migrate(env):
    manage(env, "migrate", "--noinput", "-v0")


@contextmanager
def gunicorn(env, workers=2):
    """gunicorn serving ``siyu.wsgi`` on a free local port, up (``/healthz``) before the base URL is yielded."""
    port = free_port()
    process = subprocess.Popen([str(GUNICORN), "siyu.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
