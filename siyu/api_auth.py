"""API credentials: tokens that expire, die with a password change and can be revoked; CSRF refusals in words.

Why DRF's own authtoken model plus a created-at check rather than django-rest-knox or JWT: one token per user
in a table we already have, a revocation that is a row delete (so a logout or a password change takes effect on
every app server at once, which a signed JWT cannot do), and no new dependency. The price is one token per user:
revoking it signs out every client of that user, which is what a password change should do anyway.
"""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

ERR_TOKEN_EXPIRED = _("This token has expired: ask for a new one with POST /api/token/.")
ERR_CSRF = _("CSRF check failed: a session-authenticated write needs the X-CSRFToken header (or use a token).")


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = ERR_TOKEN_EXPIRED
    default_code = "token_expired"


class CsrfFailed(exceptions.PermissionDenied):
    default_detail = ERR_CSRF
    default_code = "csrf_failed"


def expires_at(token):
    return token.created + settings.TOKEN_TTL


def is_expired(token):
    return expires_at(token) <= timezone.now()


class ExpiringTokenAuthentication(authentication.TokenAuthentication):
    """A token older than ``TOKEN_TTL`` is refused with 401 and deleted."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if is_expired(token):
            token.delete()
            raise TokenExpired
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with its CSRF refusal in the reader's language and code ``csrf_failed``."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise CsrfFailed from None


@receiver(pre_save, sender=get_user_model(), dispatch_uid="revoke-tokens-on-password-change")
def revoke_tokens_on_password_change(sender, instance, update_fields=None, **kwargs):
    """A new password signs out every API client, as Django signs out the other sessions."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
