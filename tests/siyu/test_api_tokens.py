"""API tokens: they expire, a password change revokes them, and their owner can revoke them."""
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def ask_token(user, password=None):
    return APIClient().post("/api/token/", {"username": user.username, "password": password or "pw-" + user.username},
                            format="json")


def with_token(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def age(key, days):
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=days))


def test_a_token_says_when_it_expires_and_works_until_then(manager):
    response = ask_token(manager)

    assert response.status_code == 200
    body = response.json()
    expires = timezone.datetime.fromisoformat(body["expires"])
    assert timedelta(days=29, hours=23) < expires - timezone.now() <= timedelta(days=30)
    age(body["token"], 29)
    assert with_token(body["token"]).get("/api/plans/").status_code == 200


def test_an_expired_token_is_a_401_saying_so_and_a_new_one_can_be_had(manager):
    key = ask_token(manager).json()["token"]
    age(key, 31)

    response = with_token(key).get("/api/plans/")

    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "token_expired" and "POST /api/token/" in response.json()["detail"]
    fresh = ask_token(manager).json()["token"]
    assert fresh != key and with_token(fresh).get("/api/plans/").status_code == 200


@override_settings(TOKEN_TTL=timedelta(hours=1))
def test_the_lifetime_is_a_setting(manager):
    key = ask_token(manager).json()["token"]
    age(key, 1 / 12)  # two hours
    assert with_token(key).get("/api/plans/").status_code == 401


def test_asking_again_returns_the_same_live_token(manager):
    assert ask_token(manager).json()["token"] == ask_token(manager).json()["token"]


def test_the_caller_revokes_their_own_token(manager):
    key = ask_token(manager).json()["token"]
    client = with_token(key)

    response = client.delete("/api/token/")

    assert response.status_code == 204 and not response.content
    assert client.get("/api/plans/").status_code == 401
    assert client.delete("/api/token/").status_code == 401
    assert ask_token(manager).json()["token"] != key


def test_revoking_needs_credentials(db):
    response = APIClient().delete("/api/token/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_revoking_one_users_token_leaves_the_others(manager, other_manager):
    mine, theirs = ask_token(manager).json()["token"], ask_token(other_manager).json()["token"]
    assert with_token(mine).delete("/api/token/").status_code == 204
    assert with_token(theirs).get("/api/plans/").status_code == 200


def test_a_password_change_on_the_site_revokes_the_token(client, manager):
    key = ask_token(manager).json()["token"]
    client.force_login(manager)

    response = client.post(reverse("password_change"), {
        "old_password": "pw-manager1", "new_password1": "a-Much-longer-pw-77", "new_password2": "a-Much-longer-pw-77"})

    assert response.status_code == 302
    assert with_token(key).get("/api/plans/").status_code == 401
    assert ask_token(manager, "a-Much-longer-pw-77").status_code == 200


@pytest.mark.parametrize("how", ["set_password", "admin"])
def test_a_password_set_any_other_way_revokes_it_too(manager, how, admin_client):
    key = ask_token(manager).json()["token"]
    if how == "set_password":
        manager.set_password("another-Long-pw-88")
        manager.save()
    else:
        url = reverse("admin:auth_user_password_change", args=[manager.pk])
        admin_client.post(url, {"password1": "another-Long-pw-88", "password2": "another-Long-pw-88",
                                "usable_password": "true"})
    assert with_token(key).get("/api/plans/").status_code == 401


def test_a_login_or_a_profile_edit_keeps_the_token(client, manager):
    key = ask_token(manager).json()["token"]
    client.login(username=manager.username, password="pw-manager1")
    manager.first_name = "新名字"
    manager.save()
    assert with_token(key).get("/api/plans/").status_code == 200
