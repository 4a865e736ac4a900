"""Login throttling: per account and address, shared by every app server, exactly MAX_FAILURES tries."""
import os
import threading

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.test import Client, RequestFactory
from django.urls import reverse, reverse_lazy

from siyu import auth
from siyu.auth import MAX_FAILURES
from tests.conftest import make_user


def login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_counters_live_in_the_shared_database_cache():
    assert settings.CACHES["throttle"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert auth.counters() is auth.caches["throttle"]


def test_an_outsider_cannot_lock_the_real_user_out(client, manager):
    for _ in range(MAX_FAILURES + 2):
        login(client, manager.username, "wrong", address="203.0.113.9")

    real_user = Client()
    assert login(real_user, manager.username, "pw-" + manager.username, address="10.0.0.2").status_code == 302


def test_exactly_max_failures_tries_reach_the_password_check(client, manager, monkeypatch):
    checked = []
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        checked.append(password)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    for _ in range(MAX_FAILURES + 3):
        login(client, manager.username, "wrong")
    assert len(checked) == MAX_FAILURES
    locked = login(client, manager.username, "pw-" + manager.username)
    assert locked.status_code == 200 and len(checked) == MAX_FAILURES
    assert locked.context["form"].errors["__all__"][0].startswith(("Too many", "该账号"))


@pytest.mark.parametrize("url", [reverse_lazy("password_change"), reverse_lazy("admin:password_change")])
def test_the_password_change_form_is_throttled(client, manager, url):
    """The admin's password change page too: a stolen staff session cannot guess the password there."""
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    for _ in range(MAX_FAILURES):
        client.post(url, {"old_password": "wrong", "new_password1": "N3w-long-pass!",
                          "new_password2": "N3w-long-pass!"})
    response = client.post(url, {"old_password": "pw-" + manager.username, "new_password1": "N3w-long-pass!",
                                 "new_password2": "N3w-long-pass!"})
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"][0].startswith(("Too many", "该账号"))
    manager.refresh_from_db()
    assert manager.check_password("pw-" + manager.username)


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="threads need a real database server: the in-memory SQLite test database is one connection")
@pytest.mark.django_db(transaction=True)
def test_parallel_tries_from_many_workers_let_exactly_max_failures_through(monkeypatch):
    from django.db import connection

    auth.counters().clear()
    user = make_user("target")
    checked, lock = [], threading.Lock()
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        with lock:
            checked.append(password)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    start = threading.Barrier(12)

    def attempt():
        start.wait()
        try:
            authenticate(RequestFactory().post("/", REMOTE_ADDR="10.9.9.9"), username=user.username, password="no")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == MAX_FAILURES
