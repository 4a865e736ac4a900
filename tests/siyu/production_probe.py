"""Run in a subprocess with production settings (DEBUG=0): prints, as JSON, what a browser would receive.

Used by ``test_production_cookies.py``; the database is a throwaway SQLite file named by DATABASE_URL.
Static files use the plain storage, so no ``collectstatic`` is needed to render a page.
"""
import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siyu.settings")


def cookie(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}


def probe():
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client, RequestFactory

    from siyu.auth import client_address

    call_command("migrate", verbosity=0)
    User.objects.create_user("probe", password="probe-pass-123")
    client = Client()
    language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    login_page = client.get("/accounts/login/", secure=True)
    login = client.post("/accounts/login/", {"username": "probe", "password": "probe-pass-123"}, secure=True)
    forwarded = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
                                     REMOTE_ADDR="10.0.0.2")
    return {
        "cookies": {"language": cookie(language, "django_language"), "csrf": cookie(login_page, "csrftoken"),
                    "session": cookie(login, "sessionid")},
        "https_claimed_over_http": Client().get("/library/", HTTP_X_FORWARDED_PROTO="https").status_code,
        "client_address": client_address(forwarded),
    }


if __name__ == "__main__":
    django.setup()
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    plain = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
             "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain, ALLOWED_HOSTS=["testserver"]):
        print(json.dumps(probe()))
