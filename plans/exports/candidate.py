"""The candidate copy of a role spec (岗位说明书): what HR hands to an applicant, read by the PDF and Word files.

Only what a candidate should read: no role codes, no source tags, no "taken over from" notes, no reasons.
任职要求 (requirements) are the role's frozen requirements under their headings (education, experience, skills,
tools; a plan made before the library had them prints its capability model); 工作地点 is the plan's city tier;
薪资范围 is the role's P25–P75 salary band when the plan has one.
"""
from dataclasses import dataclass

from common.choices import CityTier
from common.text import pick
from teams.choices import QualificationKind

from .labels import choice, label
from .team import Team


@dataclass(frozen=True)
class KPILine:
    name: str
    definition: str
    weight: int


@dataclass(frozen=True)
class RoleSpec:
    """One staffed role as a candidate reads it."""

    name: str
    department: str
    manager: str
    headcount: str
    purpose: str
    duties: tuple[str, ...]
    requirements: tuple[str, ...]
    location: str
    salary: str
    kpis: tuple[KPILine, ...]


def salary_range(role) -> str:
    """"¥8,000–¥12,000 a month" from the role's band; "negotiable" without one."""
    if role.salary_p25 is None or role.salary_p75 is None:
        return label("salary_negotiable")
    return label("salary_range", low=f"¥{role.salary_p25:,}", high=f"¥{role.salary_p75:,}")


def manager_title(team, role) -> str:
    """The role it reports to, or the head of the department the team sits in."""
    if role.reports_to is not None:
        return role.reports_to.name
    return label("department_head", department=team.placement)


def requirement_lines(role) -> tuple[str, ...]:
    """"Education: …", "Experience: …", then skills and tools, in that order."""
    if not role.qualifications:
        return tuple(pick(capability) for capability in role.capabilities)
    order = {kind: index for index, kind in enumerate(QualificationKind.values)}
    entries = sorted(role.qualifications, key=lambda entry: order.get(entry.get("kind"), len(order)))
    return tuple(label("qualification_line", kind=choice(QualificationKind, entry.get("kind", "")), text=pick(entry))
                 for entry in entries)


def role_spec(team, role) -> RoleSpec:
    kpis = tuple(KPILine(kpi.name, kpi.definition, kpi.weight) for kpi in role.kpis.all())
    return RoleSpec(
        name=role.name, department=team.placement, manager=manager_title(team, role),
        headcount=label("people_count", count=role.headcount),
        purpose=role.summary, duties=tuple(pick(duty) for duty in role.duties),
        requirements=requirement_lines(role),
        location=choice(CityTier, team.plan.city_tier), salary=salary_range(role), kpis=kpis,
    )


def role_specs(plan) -> list[RoleSpec]:
    """The candidate copy of every staffed role of a plan loaded with ``TeamPlan.objects.with_team()``."""
    team = Team(plan)
    return [role_spec(team, role) for role in team.staffed]


SPEC_LABELS = ("role_specs", "role_name", "department", "manager", "establishment", "purpose", "duties",
               "requirements", "location", "salary", "kpis", "kpi", "definition", "weight")


def spec_labels() -> dict[str, str]:
    """The headings the candidate copy prints, in the active language (PDF and Word templates)."""
    return {key: label(key) for key in SPEC_LABELS}
