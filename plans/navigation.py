"""Where the user can go: what the menu offers (decided once at login so no page pays a permission query for
it; the views still check every right) and where browser Back leads after an object is gone.
"""
from django.contrib import messages
from django.contrib.auth import user_logged_in
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

CAN_PLAN = "nav-can-plan"


@receiver(user_logged_in)
def remember_menu_rights(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[CAN_PLAN] = user.has_perm("plans.add_teamplan")


def menu(request):
    """Template context: ``can_plan`` (whether "New plan" is offered) and ``section`` (the menu item to mark)."""
    session = getattr(request, "session", None)
    match = getattr(request, "resolver_match", None)
    section = (match.namespace or match.url_name) if match else ""
    return {"can_plan": bool(session and session.get(CAN_PLAN)), "section": section}


# --- Browser Back after a save, a delete or a discard ------------------------------------------------
# Back re-opens the page the POST came from, whose object may be gone by then. What this user just saved,
# discarded or deleted is remembered in their session (shared by every app server), so that page can lead
# on with a message; to anyone else a missing object is still a 404, so nothing about others leaks.
GONE_DRAFTS, GONE_PLANS, GONE_ROLES, REMEMBERED = "gone-drafts", "gone-plans", "gone-roles", 20


def _remember(request, key, item, value=None):
    remembered = dict(request.session.get(key, {}))
    remembered.pop(str(item), None)
    remembered[str(item)] = value
    request.session[key] = dict(list(remembered.items())[-REMEMBERED:])


def remember_gone_draft(request, draft_pk, plan=None):
    """A draft saved as ``plan`` (or discarded, with no plan)."""
    _remember(request, GONE_DRAFTS, draft_pk, plan.pk if plan else None)


def gone_draft_redirect(request, draft_pk):
    """Where a page of this user's saved or discarded draft leads instead, or None if they never had it."""
    remembered = request.session.get(GONE_DRAFTS, {})
    if str(draft_pk) not in remembered:
        return None
    plan_pk = remembered[str(draft_pk)]
    if plan_pk is not None:
        messages.info(request, _("This draft is already saved as the plan below."))
        return redirect("plans:detail", plan_pk)
    messages.info(request, _("That draft was discarded. Start a new plan here."))
    return redirect("wizard:start")


def remember_deleted_plan(request, plan_pk):
    _remember(request, GONE_PLANS, plan_pk)


def remember_removed_role(request, role_pk):
    _remember(request, GONE_ROLES, role_pk)


def removed_role(request, role_pk) -> bool:
    return str(role_pk) in request.session.get(GONE_ROLES, {})


class GonePlanMiddleware:
    """A page of a plan this user deleted (reached with Back) leads to the plan list, not a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = getattr(request, "resolver_match", None)
        if not isinstance(exception, Http404) or not match or match.namespace != "plans":
            return None
        if str(match.kwargs.get("pk")) not in request.session.get(GONE_PLANS, {}):
            return None
        messages.info(request, _("That plan was deleted. Your plans are listed here."))
        return redirect("plans:list")
