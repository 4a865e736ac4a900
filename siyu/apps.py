from django.apps import AppConfig


class SiyuConfig(AppConfig):
    """The project itself: no models, but the signal that revokes API tokens on a password change."""

    name = "siyu"
    verbose_name = "Siyu"

    def ready(self):
        from . import api_auth  # noqa: F401 — connects the token-revoking signal
