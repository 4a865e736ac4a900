"""Password reset exists only with a mail server, never reveals which addresses have accounts, and a password
change or reset signs the account's other sessions out."""
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user

RESET_URLS = ["/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/MQ/set-password/",
              "/accounts/reset/done/"]


def page_text(response):
    """The page without its per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.fixture
def with_mail(settings):
    """As with EMAIL_HOST set; the test run delivers into django.core.mail.outbox."""
    settings.PASSWORD_RESET_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def member(db):
    return make_user("mailer", email="mailer@example.com")


@pytest.mark.parametrize("url", RESET_URLS)
def test_without_a_mail_server_password_reset_does_not_exist(client, db, url):
    assert client.get(url).status_code == 404


def test_without_a_mail_server_login_offers_no_reset_link(client, db):
    assert "/accounts/password_reset/" not in client.get(reverse("login")).content.decode()


def test_the_settings_offer_reset_only_when_a_mail_host_is_configured():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DEBUG": "1"}
    code = "from django.conf import settings as s; print(s.PASSWORD_RESET_ENABLED, s.EMAIL_BACKEND)"
    found = [subprocess.run([sys.executable, "manage.py", "shell", "-c", code], capture_output=True, text=True,
                            env={**env, **extra}, timeout=120).stdout.strip().splitlines()[-1].split()
             for extra in ({"EMAIL_HOST": ""}, {"EMAIL_HOST": "smtp.example.com"})]
    assert found[0][0] == "False"
    assert found[1] == ["True", "django.core.mail.backends.smtp.EmailBackend"]


def test_with_a_mail_server_login_offers_the_reset_link(client, db, with_mail):
    html = client.get(reverse("login")).content.decode()
    assert 'href="/accounts/password_reset/"' in html and "忘记密码" in html


def test_the_reset_page_reads_the_same_for_a_known_and_an_unknown_address(client, member, with_mail):
    known = client.post(reverse("password_reset"), {"email": "mailer@example.com"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert page_text(known) == page_text(unknown) and "请查收邮件" in page_text(known)
    assert [message.to for message in mail.outbox] == [["mailer@example.com"]]


def test_the_mailed_link_sets_a_new_password_and_signs_every_session_out(client, member, with_mail):
    elsewhere = Client()
    elsewhere.force_login(member)
    client.post(reverse("password_reset"), {"email": "mailer@example.com"})
    body = mail.outbox[0].body
    assert "私域团队设计器" in mail.outbox[0].subject and "mailer" in body
    link = re.search(r"https?://testserver(/accounts/reset/\S+)", body).group(1)

    form = client.get(link, follow=True)
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "n3w-Secret-pass", "new_password2":
                                                    "n3w-Secret-pass"}, follow=True)

    assert "新密码已保存" in done.content.decode()
    assert Client().login(username="mailer", password="n3w-Secret-pass")
    assert elsewhere.get(reverse("plans:list")).status_code == 302  # the old session is gone
    assert "已失效" in client.get(link, follow=True).content.decode()  # the link works once


def test_one_mailbox_gets_at_most_five_reset_mails_from_one_address(client, member, with_mail):
    for _ in range(8):
        response = client.post(reverse("password_reset"), {"email": "mailer@example.com"})
        assert response.status_code == 302
    assert len(mail.outbox) == 5


def test_a_password_change_signs_other_sessions_out_but_keeps_this_one(client, member):
    elsewhere = Client()
    elsewhere.force_login(member)
    client.force_login(member)

    response = client.post(reverse("password_change"), {"old_password": "pw-mailer", "new_password1":
                                                        "n3w-Secret-pass", "new_password2": "n3w-Secret-pass"},
                           follow=True)

    assert "密码已修改" in response.content.decode()
    assert client.get(reverse("plans:list")).status_code == 200
    assert elsewhere.get(reverse("plans:list")).status_code == 302


def test_the_password_change_page_is_ours(client, member):
    client.force_login(member)
    html = client.get(reverse("password_change")).content.decode()
    assert '<html lang="zh-hans">' in html and "修改密码" in html and "admin/css" not in html
