"""Starting bulk exports and expiring old ones."""
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import split_codes

from .models import BulkExport, ExportStatus
from .tasks import build_bulk_export

MAX_PLANS = 1000
TOO_MANY_PLANS = _("Choose at most %(max)s plans per export.")
NO_PLANS = _("Choose at least one plan.")
NO_DOCUMENTS = _("Choose at least one document.")
NOT_STOPPED = _("This export is still being built; it can be started again only once it has failed or stalled.")
RESTARTED = _("Stopped without finishing, and was started again.")


def bulk_export_start(*, requested_by, plans, kinds, language) -> BulkExport:
    """Record the job and hand it to the task queue; the request returns at once, the worker builds the zip.

    Old exports are expired first, so files do not pile up in storage.
    """
    plans = list(plans)
    if not plans:
        raise ValidationError({"plans": NO_PLANS})
    if len(plans) > MAX_PLANS:
        raise ValidationError({"plans": TOO_MANY_PLANS % {"max": MAX_PLANS}})
    if not kinds:
        raise ValidationError({"kinds": NO_DOCUMENTS})
    bulk_exports_expire()
    with transaction.atomic():
        export = BulkExport(requested_by=requested_by, kinds=",".join(kinds), language=language, total=len(plans))
        export.full_clean(exclude=["file"])
        export.save()
        export.plans.set(plans)
    # Enqueued after the commit, so a worker in another process finds the job and its plans.
    result = build_bulk_export.enqueue(export.pk)
    BulkExport.objects.filter(pk=export.pk).update(task_id=str(result.id)[:64])
    export.refresh_from_db()
    return export


def bulk_exports_expire(*, now=None) -> int:
    """Delete exports (and their zips) older than ``BULK_EXPORT_KEEP_DAYS``; how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.BULK_EXPORT_KEEP_DAYS)
    expired = list(BulkExport.objects.filter(created_at__lt=cutoff))
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


def bulk_export_restart(*, export: BulkExport) -> BulkExport:
    """Start a failed or stalled export again as a new one with the same plans and documents. A stalled one is
    marked failed first, so a worker that comes back to it cannot be mistaken for the new one."""
    with transaction.atomic():
        export = BulkExport.objects.select_for_update().get(pk=export.pk)
        if not (export.status == ExportStatus.FAILED or export.stalled):
            raise ValidationError(NOT_STOPPED, code="conflict")
        if export.status != ExportStatus.FAILED:
            BulkExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, error=RESTARTED,
                                                           finished_at=timezone.now())
        plans = list(export.plans.all())
    return bulk_export_start(requested_by=export.requested_by, plans=plans, kinds=split_codes(export.kinds),
                             language=export.language)
