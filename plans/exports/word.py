"""岗位说明书 in Word: the candidate copy of every staffed role, rendered by docxtpl from a template HR edits.

The template (``templates/role_specs.docx`` beside this module) is built once by
``manage.py build_role_spec_template`` and then edited by HR in Word or WPS; it receives ``roles`` (see
``candidate.RoleSpec``), ``labels`` (the headings in the active language) and ``company``.
"""
from io import BytesIO
from pathlib import Path

from docxtpl import DocxTemplate

from .candidate import role_specs, spec_labels

TEMPLATE = Path(__file__).resolve().parent / "templates" / "role_specs.docx"
EAST_ASIAN_FONT = "Microsoft YaHei"  # 微软雅黑: on every Windows and in WPS; LibreOffice substitutes Noto Sans CJK


def role_specs_docx(plan) -> bytes:
    """The Word file of a plan loaded with ``TeamPlan.objects.with_team()``."""
    document = DocxTemplate(TEMPLATE)
    document.render({"roles": role_specs(plan), "labels": spec_labels(), "company": plan.company_name},
                    autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
