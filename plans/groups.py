"""The groups and exactly the rights each one gives.

Kept in code and applied after every migrate, so a fresh database, the test database and
production all agree.
"""
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_noop

from teams.groups import LIBRARY_GROUP_PERMISSIONS, LIBRARY_MODELS

PLAN_MODELS = [("plans", "teamplan"), ("plans", "planrole"), ("plans", "plankpi")]

# Stored in English (code and tests match on them); the admin shows them translated (plans.admin).
MANAGERS = gettext_noop("Managers")
HR = gettext_noop("HR")
APPROVERS = gettext_noop("Approvers")

GROUP_PERMISSIONS = {
    # Managers work on their own plans (ownership is enforced by the views and the API).
    MANAGERS: [(app, f"{action}_{model}") for app, model in PLAN_MODELS for action in ("add", "change", "delete")],
    # HR reads every plan and the library and exports; it edits nothing.
    HR: [(app, f"view_{model}") for app, model in PLAN_MODELS + LIBRARY_MODELS],
    # Approvers read every plan and approve or return submitted ones (never their own).
    APPROVERS: [("plans", "view_teamplan"), ("plans", "view_planrole"), ("plans", "view_plankpi"),
                ("plans", "approve_teamplan")],
    **LIBRARY_GROUP_PERMISSIONS,
}


def ensure_groups(**kwargs):
    for name, codes in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _ in codes}, codename__in={code for _, code in codes}
        )
        group.permissions.set([p for p in wanted if (p.content_type.app_label, p.codename) in set(codes)])
