"""Login and password-change throttling per account and address.

Why not django-axes: its defaults lock by address with no cool-off, it is moving off Jazzband, and what we
need is small. Why per account *and* address: a lock per account alone hands anyone a free lockout of a real
user (five wrong passwords for ``admin``, renewable forever); a lock per address alone locks a whole office
NAT out. So each (username, address) pair gets ``MAX_FAILURES`` tries per ``COOL_OFF`` seconds; a success
clears its count; outsiders from other addresses do not touch the real user's count.

Atomic and shared: the counters live in the ``throttle`` cache, Django's database cache, which every worker
and app server shares with no new service. Each try first *claims* one of ``MAX_FAILURES`` numbered slots
with ``cache.add`` — atomic in every backend (a primary-key insert in the database cache, SET NX in Redis) —
and only a try holding a slot reaches the password check. So exactly ``MAX_FAILURES`` tries pass, however
many arrive in parallel; there is no check-then-increment race.
"""
import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_FAILURES = 5
COOL_OFF = 15 * 60
ERR_LOCKED = _("Too many failed logins for this account. Try again in %(minutes)s minutes.")


def counters():
    return caches["throttle"]


def client_address(request):
    """The peer's address. X-Forwarded-For is read only behind a trusted proxy (``TRUST_PROXY_HEADERS``), and
    only its last entry — the address the proxy itself saw; earlier entries are whatever the client wrote."""
    meta = getattr(request, "META", {}) if request is not None else {}
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "") if settings.TRUST_PROXY_HEADERS else ""
    return forwarded.rsplit(",", 1)[-1].strip() or meta.get("REMOTE_ADDR", "-")


def _base(scope, username, request):
    subject = f"{scope}|{str(username or '').strip().lower()}|{client_address(request)}"
    return f"throttle:{hashlib.sha256(subject.encode()).hexdigest()}"


def _slots(base):
    return [f"{base}:{n}" for n in range(1, MAX_FAILURES + 1)]


def claim_try(scope, username, request):
    """True when a try slot was free (the try may go ahead and counts as a failure until cleared)."""
    cache = counters()
    return any(cache.add(slot, 1, COOL_OFF) for slot in _slots(_base(scope, username, request)))


def is_locked(scope, username, request):
    return counters().get(_slots(_base(scope, username, request))[-1]) is not None


def clear_tries(scope, username, request):
    counters().delete_many(_slots(_base(scope, username, request)))


def locked_error():
    return ValidationError(ERR_LOCKED, code="locked", params={"minutes": COOL_OFF // 60})


class ThrottledModelBackend(ModelBackend):
    """Every login (pages, admin, token API) claims a try first; a locked pair is refused before any check."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get("username")
        if not claim_try("login", username, request):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            clear_tries("login", username, request)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own rights and their groups' in one query (Django's backend reads them in two), on every
        page that checks a right; nothing is cached beyond the request, so a revoked right goes at once."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            rights = Permission.objects.all() if user_obj.is_superuser else Permission.objects.filter(
                Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {f"{app}.{code}" for app, code in
                                    rights.values_list("content_type__app_label", "codename").order_by()}
        return user_obj._perm_cache


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if is_locked("login", self.data.get("username"), self.request):
                raise locked_error() from None
            raise


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Guessing the old password from a stolen session is throttled like a login."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        username = self.user.get_username()
        if not claim_try("password-change", username, self.request):
            raise ValidationError(ERR_LOCKED, code="locked", params={"minutes": COOL_OFF // 60})
        old_password = super().clean_old_password()
        clear_tries("password-change", username, self.request)
        return old_password


class ThrottledPasswordResetForm(PasswordResetForm):
    """One mailbox gets at most ``MAX_FAILURES`` reset mails per ``COOL_OFF`` from one address, so the form
    cannot flood someone's inbox. The page reads the same whether a mail went, was held back, or no account
    has that address: it tells nobody which addresses have accounts."""

    def save(self, *args, request=None, **kwargs):
        if claim_try("password-reset", self.cleaned_data["email"], request):
            super().save(*args, request=request, **kwargs)
