"""Playwright for Python driving Debian's chromium (browsers cannot be downloaded here).

Two ways to serve the app: ``page`` uses pytest-django's ``live_server`` (the test's own database, DEBUG as
in the tests); ``visit`` uses one gunicorn per session with DEBUG off over a database prepared as a new
install is (migrate + setup_demo), which is how the issue-13 checks must be seen.
"""
import os
import re
import shutil
from dataclasses import dataclass, field

import pytest

from tests.serving import gunicorn, manage, migrate, own_database, production_env

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright beside live_server
DEMO_LOGIN = re.compile(r"^\s+(admin|hr|manager|approver)\s+(\S+)\s", re.M)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        reason = f"chromium not found at {CHROMIUM}: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()


def watch_csp(page):
    page.csp_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.csp_violations.append(message.text))
    return page


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = watch_csp(context.new_page())
    page.base = live_server.url
    yield page
    context.close()


def log_in(page, user, password=None):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", user if isinstance(user, str) else user.username)
    page.fill("#id_password", password or "pw-" + user.username)
    page.click("form button[type=submit]")


@dataclass
class Served:
    """The gunicorn server: its base URL, the demo users' passwords, and each user's signed-in browser state."""

    url: str
    passwords: dict
    states: dict = field(default_factory=dict)

    def signed_in(self, browser, username):
        """A storage state with ``username`` signed in, made once per session (one login per user)."""
        if username not in self.states:
            context = browser.new_context()
            page = context.new_page()
            page.base = self.url
            log_in(page, username, self.passwords[username])
            page.wait_for_url(self.url + "/")
            self.states[username] = context.storage_state()
            context.close()
        return self.states[username]


@pytest.fixture(scope="session")
def served(tmp_path_factory, static_root):
    """gunicorn (2 workers, DEBUG off) over its own database, prepared by migrate + setup_demo."""
    directory = tmp_path_factory.mktemp("served")
    with own_database(directory, "browser") as database_url:
        env = production_env(database_url, static_root)
        migrate(env)
        passwords = dict(DEMO_LOGIN.findall(manage(env, "setup_demo")))
        assert set(passwords) == {"admin", "hr", "manager", "approver"}, "setup_demo no longer prints the demo logins"
        with gunicorn(env) as url:
            yield Served(url, passwords)


@pytest.fixture
def visit(browser, served):
    """Opens a page on the gunicorn server: ``visit(path, user="manager", language="zh-hans", width=1366)``."""
    contexts = []

    def open_page(path, *, user="manager", language="zh-hans", width=1366):
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844},
                                      is_mobile=width <= 600,
                                      storage_state=served.signed_in(browser, user) if user else None)
        context.add_cookies([{"name": "django_language", "value": language, "url": served.url}])
        contexts.append(context)
        page = watch_csp(context.new_page())
        page.base = served.url
        page.response = page.goto(served.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
