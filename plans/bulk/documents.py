"""What a bulk export can hold: each kind of document, the label its file is named by, and how it is built.

Every builder takes one plan loaded with ``TeamPlan.objects.with_team()`` and reads nothing more from the
database but an approved plan's approval (one query), so a plan costs the same few queries whatever the size of
its team. Every document of an approved plan carries the approval stamp, as its single download does.
"""
from collections.abc import Callable
from dataclasses import dataclass

from ..exports import pdf, word
from ..exports.approval import stamp_workbook
from ..exports.downloads import export_filename, safe_filename, workbook_bytes
from ..exports.kpi_sheets import build_kpi_workbook
from ..exports.role_specs import build_role_spec_workbook
from ..exports.team_cost import build_team_cost_workbook
from .models import ExportKind


@dataclass(frozen=True)
class Document:
    label_key: str  # a key of ``exports.labels.LABELS``, naming the file
    suffix: str
    build: Callable[..., bytes]


def stamped(build):
    """A workbook builder of one plan whose workbook carries the plan's approval stamp."""
    return lambda plan: workbook_bytes(stamp_workbook(build(plan), plan))


DOCUMENTS = {
    ExportKind.ROLE_SPECS_XLSX: Document("role_specs", ".xlsx", stamped(lambda plan: build_role_spec_workbook([plan]))),
    ExportKind.ROLE_SPECS_HR_XLSX: Document("role_specs_hr", ".xlsx",
                                            stamped(lambda plan: build_role_spec_workbook([plan], hr=True))),
    ExportKind.KPI_SHEETS_XLSX: Document("kpi_sheets", ".xlsx", stamped(lambda plan: build_kpi_workbook([plan]))),
    ExportKind.TEAM_COST_XLSX: Document("team_cost", ".xlsx", stamped(build_team_cost_workbook)),
    ExportKind.ORG_CHART_PDF: Document("org_chart", ".pdf", pdf.org_chart_pdf),
    ExportKind.KPI_SHEETS_PDF: Document("kpi_sheets", ".pdf", pdf.kpi_sheets_pdf),
    ExportKind.ROLE_SPECS_PDF: Document("role_specs", ".pdf", pdf.role_specs_pdf),
    ExportKind.ROLE_SPECS_DOCX: Document("role_specs", ".docx", word.role_specs_docx),
}


def plan_folder(plan) -> str:
    """One folder per plan; the id keeps two plans of the same company apart."""
    return safe_filename(f"{plan.company_name}-{plan.pk}", "")


def plan_files(plan, kinds):
    """(path in the zip, bytes) of each chosen document of one plan."""
    folder = plan_folder(plan)
    for kind in kinds:
        document = DOCUMENTS[kind]
        yield f"{folder}/{export_filename(plan, document.label_key, document.suffix)}", document.build(plan)
