"""Bulk export pages: choose plans and documents, watch the progress, download the zip."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from ..exports.downloads import ZIP_CONTENT_TYPE, stored_file_response
from ..models import TeamPlan
from . import services
from .forms import BulkExportForm
from .models import BulkExport

RECENT = 10


def start_page(request, form, shown):
    """The start page; the admin's action renders it too, with the plans selected there."""
    return TemplateResponse(request, "plans/exports/start.html", {
        "form": form, "shown": shown, "checked": form.checked(),
        "recent": BulkExport.objects.filter(requested_by=request.user)[:RECENT],
    })


@login_required
def export_start(request):
    form = BulkExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            export = services.bulk_export_start(requested_by=request.user, plans=form.cleaned_data["plans"],
                                                kinds=form.cleaned_data["kinds"], language=get_language())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(export)
    return start_page(request, form, TeamPlan.objects.visible_to(request.user).with_totals())


def get_export(user, pk):
    export = BulkExport.objects.filter(pk=pk).first()
    if export is None or not export.is_visible_to(user):
        raise Http404
    return export


@login_required
def export_progress(request, pk):
    return render(request, "plans/exports/progress.html", {"export": get_export(request.user, pk),
                                                            "keep_days": settings.BULK_EXPORT_KEEP_DAYS})


@login_required
@require_POST
def export_restart(request, pk):
    """Start a failed or stalled export again; one still moving stays where it is, with the reason shown."""
    export = get_export(request.user, pk)
    try:
        export = services.bulk_export_restart(export=export)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(export)


@login_required
def export_download(request, pk):
    export = get_export(request.user, pk)
    if not export.file:
        raise Http404
    return stored_file_response(export.file, export.file.name.rsplit("/", 1)[-1], ZIP_CONTENT_TYPE)
