"""The admin every library sheet shares: import/export with a size limit and a safe confirm step."""
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

logger = logging.getLogger(__name__)
MAX_IMPORT_MB = 5


class LibraryImportForm(ImportForm):
    """The whole library is well under 1 MB: a bigger file is refused before it is read."""

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        if import_file.size > MAX_IMPORT_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(limit)s MB and was not imported.")
                                  % {"limit": MAX_IMPORT_MB}, code="too_big")
        return import_file


class LibraryAdmin(ImportExportModelAdmin):
    """Import/export for a library sheet, with the size limit on uploads."""

    import_form_class = LibraryImportForm
    import_formats = export_formats = [XLSX, CSV]  # what an admin's spreadsheet opens; no html/yaml/json

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
