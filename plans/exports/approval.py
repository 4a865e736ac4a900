"""The approval stamp an approved plan's exports carry on every sheet and page: version, approver, date."""
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ..models import PlanReview, PlanStatus
from ..review_models import ReviewEvent


def approval_text(plan) -> str | None:
    """"Approved · version 3 · by approver · 2026-12-02" for an approved plan (one query); None otherwise."""
    if plan is None or plan.status != PlanStatus.APPROVED:
        return None
    entry = (PlanReview.objects.filter(plan=plan, event=ReviewEvent.APPROVED).select_related("author")
             .order_by("-created_at", "-id").first())
    if entry is None:
        return None
    return _("Approved · version %(version)s · by %(approver)s · %(date)s") % {
        "version": entry.version or "—", "approver": entry.author.get_username() if entry.author else "—",
        "date": f"{localtime(entry.created_at):%Y-%m-%d}"}


def stamp_workbook(workbook, plan):
    """Every sheet's printed header names the approval (cells are left alone, so no formula moves)."""
    text = approval_text(plan)
    if text:
        workbook.properties.keywords = text
        for ws in workbook.worksheets:
            ws.oddHeader.center.text = text.replace("&", "&&")
            ws.evenHeader.center.text = ws.oddHeader.center.text
            ws.page_margins.top = max(ws.page_margins.top, 0.8)  # room for the header above the title
            ws.page_margins.header = 0.3
    return workbook
