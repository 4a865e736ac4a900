"""Login throttling per account.

After ``MAX_FAILURES`` failed logins for one username, that account is locked for
``COOL_OFF`` seconds — whatever address the attempts come from — while other users behind
the same address (an office NAT, a proxy) log in normally. A success clears the count. The
count lives in the cache, which several app servers share through Redis.
"""
import hashlib

from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

MAX_FAILURES = 5
COOL_OFF = 15 * 60
ERR_LOCKED = _("Too many failed logins for this account. Try again in %(minutes)s minutes.")


def _key(username):
    """A cache key for any username a client sends (hashed: keys must be short and plain ASCII)."""
    digest = hashlib.sha256(str(username or "").strip().lower().encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(username):
    return cache.get(_key(username), 0) >= MAX_FAILURES


class ThrottledModelBackend(ModelBackend):
    """Refuses every password for a locked account, so a locked account cannot be guessed at."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if is_locked(username or kwargs.get("username")):
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self):
        if is_locked(self.data.get("username")):
            raise ValidationError(ERR_LOCKED, code="locked", params={"minutes": COOL_OFF // 60})
        return super().clean()


@receiver(user_login_failed)
def count_failure(sender, credentials, **kwargs):
    if is_locked(credentials.get("username")):
        return  # tries during the cool-off do not extend it
    key = _key(credentials.get("username"))
    cache.add(key, 0, COOL_OFF)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, COOL_OFF)
    cache.touch(key, COOL_OFF)


@receiver(user_logged_in)
def clear_failures(sender, user, **kwargs):
    cache.delete(_key(user.get_username()))
