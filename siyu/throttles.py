"""API rate limits, counted in the default cache: shared by every worker and app server with ``REDIS_URL``
(no database query), each worker's own memory on the embedded default (so the limit there is per worker).
The login lock is not this: it is claimed atomically in the shared ``throttle`` cache everywhere.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (set from the environment), read on every request
so a settings change takes effect without a restart of the class. Over the limit is a 429 with ``Retry-After``.
"""
from django.core.cache import caches
from rest_framework import throttling
from rest_framework.settings import api_settings


class SharedCounts:
    @property
    def cache(self):
        return caches["default"]

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(SharedCounts, throttling.AnonRateThrottle):
    """Callers without credentials, by address."""


class UserThrottle(SharedCounts, throttling.UserRateThrottle):
    """Authenticated callers, by user."""


class ScopedThrottle(SharedCounts, throttling.ScopedRateThrottle):
    """Endpoints with a ``throttle_scope`` (recommendations, tokens) get their own, stricter count."""
