"""The background task that builds a bulk export's zip, plan by plan, saving its progress as it goes.

The zip is written to a temporary file and then to the default storage (``MEDIA_ROOT``), so a big export
never sits in memory. Plans are read in batches with their teams prefetched: a batch costs a fixed number of
queries, and each plan one more to record the progress the progress page shows.
"""
import logging
import tempfile
import zipfile

from django.core.files import File
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from common.fields import split_codes

from ..exports.downloads import safe_filename
from ..models import TeamPlan
from .documents import plan_files
from .models import BulkExport, ExportStatus

logger = logging.getLogger(__name__)


class ExportFailed(Exception):
    """A plan's documents could not be built; the message names the plan for the person who asked."""

BATCH = 50
BUILD_FAILED = gettext_lazy("The export stopped while building “%(plan)s”. Try again, or export fewer "
                            "documents at a time.")


def _batches(export):
    ids = list(export.plans.order_by("company_name", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield list(TeamPlan.objects.with_team().filter(pk__in=ids[start:start + BATCH]).order_by("company_name",
                                                                                                   "pk"))


def _write_zip(export, archive, kinds):
    for batch in _batches(export):
        for plan in batch:
            try:
                for path, content in plan_files(plan, kinds):
                    archive.writestr(path, content)
            except Exception as error:
                raise ExportFailed(BUILD_FAILED % {"plan": plan.company_name}) from error
            BulkExport.objects.filter(pk=export.pk).update(done=F("done") + 1, progressed_at=timezone.now())


def _zip_name(export):
    return safe_filename(f"{_('Bulk export')}-{timezone.localtime(export.created_at):%Y-%m-%d-%H%M}-{export.pk}",
                         ".zip")


@task()
def build_bulk_export(export_id: int) -> None:
    """Build the zip of a queued export in its requester's language; a failure is recorded on the export."""
    export = BulkExport.objects.get(pk=export_id)
    total = export.plans.count()
    BulkExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, total=total, done=0,
                                                   progressed_at=timezone.now())
    with translation.override(export.language), tempfile.TemporaryFile() as handle:
        try:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                _write_zip(export, archive, split_codes(export.kinds))
            handle.seek(0)
            export.file.save(_zip_name(export), File(handle), save=False)
        except Exception as error:
            logger.exception("Bulk export %s failed", export.pk)
            message = str(error) if isinstance(error, ExportFailed) else _("The export could not be saved.")
            BulkExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, error=message,
                                                           finished_at=timezone.now())
            return
    BulkExport.objects.filter(pk=export.pk).update(status=ExportStatus.DONE, file=export.file.name,
                                                   finished_at=timezone.now())
