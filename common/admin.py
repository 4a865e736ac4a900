"""The admin every library sheet shares: import/export with size limits, safe file readers, every problem in full
text, a safe confirm step and a template to start from."""
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm, SelectableFieldsExportForm

from .import_files import FileRefused, SheetCSV, SheetXLSX
from .import_rows import problems
from .import_template import column_labels, template_workbook

logger = logging.getLogger(__name__)
MAX_IMPORT_MB = 5
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LibraryImportForm(ImportForm):
    """The whole library is well under 1 MB: a bigger file is refused before it is read."""

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        if import_file.size > MAX_IMPORT_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(limit)s MB and was not imported.")
                                  % {"limit": MAX_IMPORT_MB}, code="too_big")
        return import_file


class LibraryExportForm(SelectableFieldsExportForm):
    """Each column ticked by its name in the admin's language, with the code the file's header carries."""

    def _get_field_label(self, resource, field_name):
        label = column_labels(resource).get(field_name)
        return f"{label} ({field_name})" if label else super()._get_field_label(resource, field_name)


class LibraryAdmin(ImportExportModelAdmin):
    """Import/export for a library sheet, with the size limits on uploads."""

    import_form_class = LibraryImportForm
    export_form_class = LibraryExportForm
    import_formats = [SheetXLSX, SheetCSV]  # what an admin's spreadsheet opens; no html/yaml/json
    export_formats = [XLSX, CSV]
    import_error_display = ("message",)  # never the traceback, which names server paths

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [path("import/template.xlsx", self.admin_site.admin_view(self.import_template_view),
                     name=f"{info[0]}_{info[1]}_import_template"), *super().get_urls()]

    def import_template_view(self, request):
        """A workbook with this sheet's columns in the admin's language and a few rows of the library as examples."""
        if not self.has_import_permission(request):
            return HttpResponse(status=403)
        resource = self.get_import_resource_classes(request)[0]
        response = HttpResponse(template_workbook(resource), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.opts.model_name}_template.xlsx"'
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        """Say what to do about an unreadable file, in the admin's words, never the exception's class name."""
        if isinstance(e, FileRefused):
            form.add_error("import_file", str(e))
            return
        logger.info("Unreadable import file", exc_info=True)
        form.add_error("import_file", _("The file could not be read as the chosen format. Check that it is an .xlsx "
                                        "or a .csv file and that the format below matches it."))

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            response.context_data["import_problems"] = [str(problem) for problem in problems(result)]
        return response

    def process_import(self, request, **kwargs):
        """A stale or forged confirm step (temporary file gone, unknown format) goes back to the upload, not a 500.

        The import itself runs in one transaction, so nothing is written when this happens.
        """
        try:
            return super().process_import(request, **kwargs)
        except (OSError, LookupError, ValueError):
            logger.warning("Import confirm step refused", exc_info=True)
            messages.error(request, _("This import can no longer be confirmed. Upload the file again."))
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
