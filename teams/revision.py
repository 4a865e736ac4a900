"""Keeps the library revision true: every write to library data bumps it in the same transaction.

Model signals cover the admin, imports row by row, fixtures and deletes (cascades included); the
import-export ``post_import`` signal covers bulk imports, which send no model signals; the admin's bulk
actions (retire, reinstate) bump it themselves.
"""
from django.db.models.signals import post_delete, post_save
from import_export.signals import post_import

from kpis.models import KPITemplate

from .models import (
    Capability,
    Duty,
    LibraryRevision,
    OnCostRule,
    PlacementRule,
    Qualification,
    Role,
    RoleKPI,
    SalaryBand,
    SizeThreshold,
    SizingRule,
    StaffingRule,
)

LIBRARY_MODELS = (Capability, Duty, KPITemplate, OnCostRule, PlacementRule, Qualification, Role, RoleKPI, SalaryBand,
                  SizeThreshold, SizingRule, StaffingRule)


def _bump(sender, **kwargs):
    LibraryRevision.bump()


def _bump_after_import(sender, model=None, **kwargs):
    if model in LIBRARY_MODELS:
        LibraryRevision.bump()


def connect():
    for model in LIBRARY_MODELS:
        post_save.connect(_bump, sender=model, dispatch_uid=f"library-revision-save-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"library-revision-delete-{model._meta.label}")
    post_import.connect(_bump_after_import, dispatch_uid="library-revision-import")
