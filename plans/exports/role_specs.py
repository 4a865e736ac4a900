"""岗位说明书 (role specifications) in Excel, in two copies.

The candidate copy (the default) has one sheet per staffed role with only what an applicant reads — the same
``candidate.RoleSpec`` the PDF and Word files print: no role codes, source tags, reasons or notes on merged
roles. HR's copy (``hr=True``) starts with an overview of every plan's roles and keeps all of that on each
role's sheet.
"""
from django.utils import timezone
from openpyxl import Workbook

from common.choices import Source
from common.text import join_names, pick
from kpis.choices import Direction, Frequency, Unit
from teams.choices import QualificationKind, Requirement, Tier

from .candidate import role_spec
from .labels import choice, label
from .sheets import new_workbook, safe_sheet_title
from .styles import (
    BOLD,
    BOX,
    CENTER,
    LABEL_ALIGN,
    NOTE_FILL,
    SECTION_FILL,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    WRAP,
    header,
    line,
    print_setup,
    put,
    set_widths,
    wide_text,
)
from .team import teams

OVERVIEW_WIDTHS = (6, 28, 10, 11, 10, 26, 40, 10)
ROLE_WIDTHS = (14, 24, 9, 8, 11, 11, 38, 38, 8)
LAST_ROLE_COL = len(ROLE_WIDTHS)


CANDIDATE_WIDTHS = (12, 20, 56, 9)
LAST_CANDIDATE_COL = len(CANDIDATE_WIDTHS)


def build_role_spec_workbook(plans, *, hr=False) -> Workbook:
    """One sheet per staffed role: the candidate copy, or HR's copy with the overview and the internal details."""
    presenters = teams(plans)
    workbook = new_workbook(label("role_specs"))
    used = set()
    if hr:
        _overview_sheet(workbook.create_sheet(safe_sheet_title(label("overview"), used)), presenters)
    build_sheet = _role_sheet if hr else _candidate_sheet
    for team in presenters:
        for role in team.staffed:
            build_sheet(workbook.create_sheet(safe_sheet_title(team.sheet_title(role), used)), team, role)
    return workbook


# --- The candidate copy: one sheet per staffed role ----------------------------------------------------------------
def _candidate_sheet(ws, team, role):
    spec = role_spec(team, role)
    set_widths(ws, CANDIDATE_WIDTHS)
    put(ws, 1, 1, f"{spec.name} · {label('role_specs')}", font=TITLE_FONT, align=None)
    put(ws, 2, 1, team.plan.company_name, font=SUBTITLE_FONT, align=None)
    facts = [("role_name", spec.name), ("department", spec.department), ("manager", spec.manager),
             ("establishment", spec.headcount), ("location", spec.location), ("salary", spec.salary),
             ("purpose", spec.purpose)]
    row = _candidate_section(ws, 4, "basics")
    for key, value in facts:
        line(ws, row, [(1, 1, label(key)), (2, LAST_CANDIDATE_COL - 1, value)], align=LABEL_ALIGN)
        ws.cell(row=row, column=1).font = BOLD
        row += 1
    for key, texts in (("duties", spec.duties), ("requirements", spec.requirements)):
        row = _candidate_list(ws, _candidate_section(ws, row + 1, key), texts)
    row = _candidate_section(ws, row + 1, "kpis")
    header(ws, row, [label("no"), label("kpi"), label("definition"), label("weight")])
    for number, kpi in enumerate(spec.kpis, start=1):
        line(ws, row + number, [(1, 1, number), (2, 1, kpi.name), (3, 1, kpi.definition), (4, 1, kpi.weight)],
             align=CENTER, aligns={2: WRAP, 3: WRAP})
    print_setup(ws, widths=CANDIDATE_WIDTHS, title_rows="1:2", freeze="A3")


def _candidate_section(ws, row, key):
    for col in range(2, LAST_CANDIDATE_COL + 1):
        put(ws, row, col, None, fill=SECTION_FILL)
    put(ws, row, 1, label(key), font=BOLD, fill=SECTION_FILL, align=None)
    return row + 1


def _candidate_list(ws, row, texts):
    for number, text in enumerate(texts, start=1):
        line(ws, row, [(1, 1, number), (2, LAST_CANDIDATE_COL - 1, text)], align=CENTER, aligns={2: WRAP})
        row += 1
    return row


# --- Overview ------------------------------------------------------------------------------------------------------
def _overview_sheet(ws, presenters):
    last = len(OVERVIEW_WIDTHS)
    set_widths(ws, OVERVIEW_WIDTHS)
    put(ws, 1, 1, f"{label('role_specs')} · {label('overview')}", font=TITLE_FONT, align=None)
    subtitle = label("exported", date=f"{timezone.localdate():%Y-%m-%d}")
    if len(presenters) > 1:
        subtitle = f"{label('plans', count=len(presenters))} · {subtitle}"
    put(ws, 2, 1, subtitle, font=SUBTITLE_FONT, align=None)
    header(ws, 3, [label(k) for k in ("no", "role", "tier", "requirement", "headcount", "reports_to", "note",
                                      "source")])
    row = 4
    for team in presenters:
        row = _overview_block(ws, row, team, last) + 1
    print_setup(ws, widths=OVERVIEW_WIDTHS, title_rows="3:3", freeze="A4")


def _overview_block(ws, row, team, last):
    c = choice
    wide_text(ws, row, team.headline(), last, font=BOLD, fill=SECTION_FILL)
    row += 1
    for number, role in enumerate(team.roles, start=1):
        values = [number, role.name, c(Tier, role.tier), c(Requirement, role.requirement), role.headcount,
                  team.manager_name(role), team.note(role), c(Source, role.source)]
        line(ws, row, [(col, 1, value) for col, value in enumerate(values, start=1)], align=CENTER,
             aligns={2: WRAP, 6: WRAP, 7: WRAP})
        row += 1
    put(ws, row, 2, label("total_headcount"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    put(ws, row, 5, team.plan.total_headcount, font=BOLD, fill=TOTAL_FILL, border=BOX, align=CENTER)
    row += 1
    texts = [(label("placement_reasons"), team.plan.placement_reasons), (label("notes"), team.plan.notes)]
    for heading, entries in texts:
        if entries:
            body = "\n".join(f"• {pick(entry)}" for entry in entries)
            wide_text(ws, row, f"{heading}\n{body}", last)
            row += 1
    return row


# --- HR's copy: one sheet per staffed role with codes, source tags and reasons ---------------------------------------
def _role_sheet(ws, team, role):
    set_widths(ws, ROLE_WIDTHS)
    put(ws, 1, 1, f"{role.name} · {label('role_specs')}", font=TITLE_FONT, align=None)
    put(ws, 2, 1, team.headline(), font=SUBTITLE_FONT, align=None)
    row = _role_basics(ws, 4, team, role)
    row = _role_duties(ws, row + 1, role)
    row = _role_capabilities(ws, row + 1, role)
    row = _role_qualifications(ws, row + 1, role)
    row = _role_kpis(ws, row + 1, team, role)
    if role.reasons:
        _section(ws, row + 1, label("why_role"))
        for offset, reason in enumerate(role.reasons, start=2):
            wide_text(ws, row + offset, f"• {pick(reason)}  [{reason.get('source', '')}]", LAST_ROLE_COL)
    print_setup(ws, widths=ROLE_WIDTHS, title_rows="1:2", freeze="A3")


def _section(ws, row, title):
    for col in range(2, LAST_ROLE_COL + 1):
        put(ws, row, col, None, fill=SECTION_FILL)
    put(ws, row, 1, title, font=BOLD, fill=SECTION_FILL, align=None)


def _role_facts(team, role):
    c = choice
    reports = join_names(r.name for r in team.reports(role)) or label("none")
    absorbed = join_names(r.name for r in team.absorbed(role)) or label("none")
    entries = [*role.duties, *role.capabilities, *role.qualifications]
    tags = {role.source} | {e.get("source") for e in entries if e.get("source")}
    sources = ", ".join(c(Source, tag) for tag in sorted(tags))
    return [
        (label("role"), f"{role.name} ({role.code})"),
        (label("tier"), c(Tier, role.tier)),
        (label("requirement"), c(Requirement, role.requirement)),
        (label("headcount"), role.headcount),
        (label("team_leads"), role.team_leads),
        (label("reports_to"), team.manager_name(role)),
        (label("direct_reports"), reports),
        (label("absorbed"), absorbed),
        (label("source_tags"), sources),
        (label("summary"), role.summary),
    ]


def _role_basics(ws, row, team, role):
    _section(ws, row, label("basics"))
    facts = _role_facts(team, role)
    for offset, (name, value) in enumerate(facts, start=1):
        line(ws, row + offset, [(1, 1, name), (2, LAST_ROLE_COL - 1, value)], align=LABEL_ALIGN)
        ws.cell(row=row + offset, column=1).font = BOLD
    return row + len(facts) + 1


def _role_duties(ws, row, role):
    _section(ws, row, label("duties"))
    header(ws, row + 1, [label("no"), label("duty"), label("from_role"), label("source")], spans={1: 6})
    for number, duty in enumerate(role.duties, start=1):
        origin = pick(duty, "from") if duty.get("from") else ""
        source = choice(Source, duty.get("source", ""))
        line(ws, row + 1 + number, [(1, 1, number), (2, 6, pick(duty)), (8, 1, origin), (9, 1, source)],
             align=CENTER, aligns={2: WRAP})
    return row + 2 + len(role.duties)


def _role_capabilities(ws, row, role):
    _section(ws, row, label("capabilities"))
    header(ws, row + 1, [label("no"), label("capability"), label("source")], spans={1: 7})
    for number, capability in enumerate(role.capabilities, start=1):
        source = choice(Source, capability.get("source", ""))
        line(ws, row + 1 + number, [(1, 1, number), (2, 7, pick(capability)), (9, 1, source)],
             align=CENTER, aligns={2: WRAP})
    return row + 2 + len(role.capabilities)


def _role_qualifications(ws, row, role):
    _section(ws, row, label("requirements"))
    header(ws, row + 1, [label("no"), label("kind"), label("requirements"), label("source")], spans={2: 6})
    for number, entry in enumerate(role.qualifications, start=1):
        values = [(1, 1, number), (2, 1, choice(QualificationKind, entry.get("kind", ""))), (3, 6, pick(entry)),
                  (9, 1, choice(Source, entry.get("source", "")))]
        line(ws, row + 1 + number, values, align=CENTER, aligns={3: WRAP})
    return row + 2 + len(role.qualifications)


def _role_kpis(ws, row, team, role):
    c = choice
    _section(ws, row, label("kpis"))
    kpis = list(role.kpis.all())
    if not team.plan.penalties_apply:
        row += 1
        wide_text(ws, row, label("no_penalty"), LAST_ROLE_COL, fill=NOTE_FILL)
    if not kpis:
        put(ws, row + 1, 1, label("no_kpis"), align=None)
        return row + 2
    header(ws, row + 1, [label(k) for k in ("no", "kpi", "weight", "unit", "frequency", "direction",
                                            "definition", "formula", "source")])
    for number, kpi in enumerate(kpis, start=1):
        values = [number, kpi.name, kpi.weight, c(Unit, kpi.unit), c(Frequency, kpi.frequency),
                  c(Direction, kpi.direction), kpi.definition, kpi.formula, c(Source, kpi.source)]
        line(ws, row + 1 + number, [(col, 1, value) for col, value in enumerate(values, start=1)],
             align=CENTER, aligns={2: WRAP, 7: WRAP, 8: WRAP})
    total = row + 2 + len(kpis)
    put(ws, total, 2, label("total"), font=BOLD, fill=TOTAL_FILL, border=BOX)
    put(ws, total, 3, role.weight_total, font=BOLD, fill=TOTAL_FILL, border=BOX, align=CENTER)
    return total + 1
