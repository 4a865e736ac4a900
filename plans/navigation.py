"""What the menu offers a signed-in user, decided once at login so no page pays a permission query for it.

The views still check every right; this only keeps the menu from offering a page that would answer 403.
"""
from django.contrib.auth import user_logged_in
from django.dispatch import receiver

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
