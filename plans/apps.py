from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Team plans")

    def ready(self):
        from . import navigation  # noqa: F401 — connects the login receiver
        from .groups import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
