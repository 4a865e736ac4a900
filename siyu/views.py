from functools import wraps

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import connection, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache

from plans.models import TeamPlan
from teams.models import Role

from . import api_errors
from .auth import ThrottledAuthenticationForm, ThrottledPasswordChangeForm, ThrottledPasswordResetForm


def home(request):
    recent = []
    if request.user.is_authenticated:
        recent = TeamPlan.objects.visible_to(request.user).with_totals()[:5]
    return render(request, "home.html", {"recent": recent, "role_count": Role.objects.count()})


@never_cache
def healthz(request):
    """For the load balancer: 200 only when the app can serve — the database answers, holds the schema and
    (on SQLite) takes writes; the Redis cache answers when REDIS_URL names one. 503 otherwise."""
    checks = {"database": _check(_database_ok)}
    if settings.REDIS_URL:
        checks["cache"] = _check(_cache_ok)
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def _check(probe):
    try:
        probe()
    except Exception:  # noqa: BLE001 — any failure means "unhealthy"
        return "unavailable"
    return "ok"


def _database_ok():
    # On SQLite the transaction begins IMMEDIATE, so a read-only file fails here; a missing file is
    # created empty by SQLite and has no django_migrations table.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")


def _cache_ok():
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise OSError("cache did not keep a value")

class LoginView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "password_reset": settings.PASSWORD_RESET_ENABLED}


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this session signed in and signs every other session of the account out
    (Django's session hash follows the password)."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def mail_required(view):
    """Password reset pages exist only when a mail server is configured (``EMAIL_HOST``); otherwise 404."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.PASSWORD_RESET_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)
    return wrapped


password_reset = mail_required(auth_views.PasswordResetView.as_view(
    form_class=ThrottledPasswordResetForm, subject_template_name="registration/password_reset_subject.txt"))
password_reset_done = mail_required(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = mail_required(auth_views.PasswordResetConfirmView.as_view())
password_reset_complete = mail_required(auth_views.PasswordResetCompleteView.as_view())


# Error handlers: the API's one JSON error body under /api/, the site's own pages elsewhere.
def bad_request(request, exception):
    return (api_errors.bad_request if api_errors.is_api(request) else defaults.bad_request)(request, exception)


def permission_denied(request, exception):
    return (api_errors.forbidden if api_errors.is_api(request) else defaults.permission_denied)(request, exception)


def page_not_found(request, exception):
    return (api_errors.not_found if api_errors.is_api(request) else defaults.page_not_found)(request, exception)


def server_error(request):
    return (api_errors.server_error if api_errors.is_api(request) else defaults.server_error)(request)
