"""The recommendation engine: a company profile in, a team draft out.

Pure functions over frozen dataclasses. The rules and the library are data loaded by
``teams.selectors.load_library``; nothing here touches the database, so behaviour changes
by editing rules in the admin, and the engine's tests need no database.

Every decision carries a reason (bilingual text plus a source tag), because a manager has to
defend the plan to the board and HR has to explain it to candidates.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kpis.choices import Family

from .choices import Phase, Placement, Requirement, SizeTier, StaffingAction
from .models import english

LEAD = "lead"
CAMPAIGN = "campaign"  # the planner whose KPI sheet carries the GMV decomposition [S3]
MAX_KPIS = 5  # a sheet longer than this stops steering anyone
PHASE_FAMILIES = {  # what each phase measures first [S0]
    Phase.LAUNCH: {"user", "activity"},
    Phase.GROWTH: {"result"},
    Phase.MATURE: {"management"},
}
LARGER_TIERS = {SizeTier.MEDIUM, SizeTier.LARGE}
REQUIREMENT_RANK = {Requirement.OPTIONAL: 0, Requirement.RECOMMENDED: 1, Requirement.REQUIRED: 2}


# --- Values ----------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """A sentence in both interface languages; the reader's language picks one."""

    zh: str
    en: str

    def __str__(self):
        return english() and self.en or self.zh


def bilingual(message, **params) -> Text:
    """Render a translatable message in Chinese and English, so a saved plan reads in both."""
    rendered = {}
    for code in ("zh-hans", "en"):
        with translation.override(code):
            rendered[code] = str(message) % {k: str(v) for k, v in params.items()} if params else str(message)
    return Text(zh=rendered["zh-hans"], en=rendered["en"])


@dataclass(frozen=True)
class Reason:
    text: Text
    source: str


@dataclass(frozen=True)
class CompanyProfile:
    company_name: str
    employees: int
    industry: str
    phase: str
    strategic: bool = False
    live_streaming: bool = False
    business_lines: int = 1
    member_share: int = 0
    headcount_budget: int | None = None


@dataclass(frozen=True)
class Conditions:
    phases: frozenset = frozenset()
    size_tiers: frozenset = frozenset()
    industries: frozenset = frozenset()
    strategic: bool | None = None
    live_streaming: bool | None = None
    min_business_lines: int | None = None
    min_member_share: int | None = None

    def match(self, profile: CompanyProfile, size_tier: str) -> bool:
        return (
            (not self.phases or profile.phase in self.phases)
            and (not self.size_tiers or size_tier in self.size_tiers)
            and (not self.industries or profile.industry in self.industries)
            and (self.strategic is None or self.strategic == profile.strategic)
            and (self.live_streaming is None or self.live_streaming == profile.live_streaming)
            and (self.min_business_lines is None or profile.business_lines >= self.min_business_lines)
            and (self.min_member_share is None or profile.member_share >= self.min_member_share)
        )


@dataclass(frozen=True)
class StaffingRuleSpec:
    code: str
    priority: int
    conditions: Conditions
    role: str
    action: str
    requirement: str
    merged_into: str | None
    headcount_min: int
    headcount_max: int
    rationale: Text
    source: str


@dataclass(frozen=True)
class PlacementRuleSpec:
    code: str
    priority: int
    conditions: Conditions
    placement: str
    rationale: Text
    source: str


@dataclass(frozen=True)
class KPISpec:
    code: str
    name: Text
    family: str
    phases: frozenset
    weight: int
    source: str


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: Text
    tier: str
    default_parent: str | None
    order: int
    kpis: tuple[KPISpec, ...] = ()


@dataclass(frozen=True)
class Library:
    roles: dict[str, RoleSpec]
    staffing_rules: tuple[StaffingRuleSpec, ...]
    placement_rules: tuple[PlacementRuleSpec, ...]
    size_thresholds: tuple[tuple[str, int], ...]  # (tier, min employees), any order


# --- Result ----------------------------------------------------------------
@dataclass(frozen=True)
class KPIPick:
    code: str
    name: Text
    family: str
    weight: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class RoleDraft:
    code: str
    name: Text
    tier: str
    order: int
    requirement: str
    headcount: int
    headcount_min: int
    reasons: tuple[Reason, ...]
    merged_into: str | None = None
    reports_to: str | None = None
    kpis: tuple[KPIPick, ...] = ()
    absorbs: tuple[str, ...] = ()

    @property
    def staffed(self):
        return self.merged_into is None


@dataclass(frozen=True)
class PlacementDraft:
    code: str
    reasons: tuple[Reason, ...]

    @property
    def label(self):
        return Placement(self.code).label


@dataclass(frozen=True)
class TeamDraft:
    profile: CompanyProfile
    size_tier: str
    placement: PlacementDraft
    roles: tuple[RoleDraft, ...]
    notes: tuple[Text, ...] = field(default=())

    @property
    def total_headcount(self):
        return sum(role.headcount for role in self.roles)

    def role(self, code):
        return next((role for role in self.roles if role.code == code), None)


# --- Messages (module constants so tests can assert them) -------------------
MSG_PRECEDENCE = _("Chosen over other matching rules of lower priority: %(others)s.")
MSG_MERGE_OUTCOME = _("merge into")
MSG_STAFF_OUTCOME = _("staff")
MSG_HEADCOUNT = _("%(count)s of the %(low)s–%(high)s range: a %(tier)s company takes the %(end)s end.")
MSG_LEAD_FALLBACK = _("Every private-domain team needs one lead who owns targets and coordination.")
MSG_DEFAULT_PLACEMENT = _("No placement rule matched; the team starts inside marketing.")
MSG_KPI_REASON = _("Default KPI of %(role)s and suited to the %(phase)s phase (%(family)s).")
MSG_KPI_FALLBACK = _("Default KPI of %(role)s; none of its KPIs is marked for the %(phase)s phase.")
MSG_BUDGET_DROP = _("%(role)s (optional) left out to stay within the headcount budget of %(budget)s.")
MSG_BUDGET_TRIM = _("%(role)s cut to %(count)s to stay within the headcount budget of %(budget)s.")
MSG_BUDGET_MERGE = _("%(role)s merged into %(target)s to stay within the headcount budget of %(budget)s.")
MSG_MERGED_REASON = _("Its duties are carried by %(target)s.")
MSG_PHASE_NOTE = {  # [S0], and [S3] for no penalties while testing
    Phase.LAUNCH: _("Launch phase: measure user and activity metrics and iterate fast; no penalty tier while "
                    "the private-domain business is still being tested."),
    Phase.GROWTH: _("Growth phase: measure results — store-visit, conversion and referral rates."),
    Phase.MATURE: _("Mature phase: measure management efficiency, such as revenue per head."),
}
UPPER, LOWER = _("upper"), _("lower")


# --- The engine ------------------------------------------------------------
def size_tier_for(employees: int, thresholds) -> str:
    """The largest tier whose lower bound the company reaches."""
    reached = [(low, tier) for tier, low in thresholds if employees >= low]
    return max(reached)[1] if reached else SizeTier.MICRO


def recommend_team(profile: CompanyProfile, library: Library) -> TeamDraft:
    size_tier = size_tier_for(profile.employees, library.size_thresholds)
    roles = _decide_roles(profile, size_tier, library)
    notes = [bilingual(MSG_PHASE_NOTE[profile.phase])]
    if profile.headcount_budget is not None:
        roles = _fit_budget(roles, profile.headcount_budget, library, notes)
    roles = _link(roles, library)
    roles = [_with_kpis(role, library.roles[role.code], profile.phase) for role in roles]
    return TeamDraft(
        profile=profile,
        size_tier=size_tier,
        placement=_choose_placement(profile, size_tier, library.placement_rules, library),
        roles=tuple(roles),
        notes=tuple(notes),
    )


def _matching(rules, profile, size_tier):
    """The rules that apply to the company, highest priority first."""
    found = [rule for rule in rules if rule.conditions.match(profile, size_tier)]
    return sorted(found, key=lambda rule: (-rule.priority, rule.code))


class Join:
    """Parts joined when rendered, so each part is read in the language being rendered."""

    def __init__(self, *parts, sep=""):
        self.parts, self.sep = parts, sep

    def __str__(self):
        return self.sep.join(str(part) for part in self.parts)


def _outcome(rule, library):
    """What a rule would have decided, for the manager: a placement, or a role staffed or merged."""
    if isinstance(rule, PlacementRuleSpec):
        return Placement(rule.placement).label
    if rule.action == StaffingAction.MERGE:
        return Join(MSG_MERGE_OUTCOME, library.roles[rule.merged_into].name, sep=" ")
    return Join(MSG_STAFF_OUTCOME, f" {rule.headcount_min}–{rule.headcount_max}")


def _precedence(beaten, library):
    if not beaten:
        return ()
    others = Join(*(Join(_outcome(rule, library), f" ({rule.code}, {rule.priority})") for rule in beaten), sep="; ")
    return (Reason(bilingual(MSG_PRECEDENCE, others=others), "derived"),)


def _choose_placement(profile, size_tier, rules, library) -> PlacementDraft:
    matching = _matching(rules, profile, size_tier)
    if not matching:
        return PlacementDraft(Placement.MARKETING, (Reason(bilingual(MSG_DEFAULT_PLACEMENT), "derived"),))
    winner, beaten = matching[0], matching[1:]
    return PlacementDraft(winner.placement, (Reason(winner.rationale, winner.source),
                                             *_precedence(beaten, library)))


def _decide_roles(profile, size_tier, library) -> list[RoleDraft]:
    groups = {}
    for rule in _matching(library.staffing_rules, profile, size_tier):
        groups.setdefault(rule.role, []).append(rule)
    drafts = []
    for code, (winner, *beaten) in groups.items():
        spec = library.roles[code]
        reasons = [Reason(winner.rationale, winner.source), *_precedence(beaten, library)]
        if winner.action == StaffingAction.MERGE:
            drafts.append(RoleDraft(code, spec.name, spec.tier, spec.order, winner.requirement, 0, 0,
                                    tuple(reasons), merged_into=winner.merged_into))
            continue
        larger = size_tier in LARGER_TIERS
        headcount = winner.headcount_max if larger else winner.headcount_min
        if winner.headcount_min != winner.headcount_max:
            reasons.append(Reason(bilingual(
                MSG_HEADCOUNT, count=headcount, low=winner.headcount_min, high=winner.headcount_max,
                    tier=SizeTier(size_tier).label, end=UPPER if larger else LOWER), winner.source))
        drafts.append(RoleDraft(code, spec.name, spec.tier, spec.order, winner.requirement, headcount,
                                winner.headcount_min, tuple(reasons)))
    if LEAD not in groups or groups[LEAD][0].action == StaffingAction.MERGE:
        drafts = [d for d in drafts if d.code != LEAD]
        lead = library.roles[LEAD]
        drafts.append(RoleDraft(LEAD, lead.name, lead.tier, lead.order, Requirement.REQUIRED, 1, 1,
                                (Reason(bilingual(MSG_LEAD_FALLBACK), "S0"),)))
    return sorted(drafts, key=lambda d: (d.order, d.code))


def _fit_budget(roles, budget, library, notes):
    """Shrink the team to the budget: optional roles go first, then extra people, then whole roles are
    merged into the role they report to (recommended before required, the last in library order first).
    The lead always stays. Notes say what changed, once per role."""
    original = {r.code: r for r in roles}

    def total():
        return sum(r.headcount for r in roles)

    for role in sorted(roles, key=lambda r: -r.order):
        if total() > budget and role.staffed and role.code != LEAD and role.requirement == Requirement.OPTIONAL:
            roles = [r for r in roles if r.code != role.code]
    for floor_of in (lambda r: max(r.headcount_min, 1), lambda r: 1):
        for role in sorted(roles, key=lambda r: (r.code == LEAD, -r.headcount)):
            excess = min(role.headcount - floor_of(role), total() - budget)
            if role.staffed and excess > 0:
                roles = _replace(roles, role.code, headcount=role.headcount - excess)
    for role in sorted(roles, key=lambda r: (REQUIREMENT_RANK[r.requirement], -r.order)):
        if total() > budget and role.staffed and role.code != LEAD:
            target = _staffed_ancestor(role.code, roles, library)
            roles = _replace(roles, role.code, headcount=0, merged_into=target, reasons=(*role.reasons, Reason(
                bilingual(MSG_BUDGET_MERGE, role=role.name, target=library.roles[target].name, budget=budget),
                "derived")))
    notes.extend(_budget_notes(original, {r.code: r for r in roles}, budget, library))
    return roles


def _budget_notes(before, after, budget, library):
    for code, old in before.items():
        new = after.get(code)
        if new is None:
            yield bilingual(MSG_BUDGET_DROP, role=old.name, budget=budget)
        elif old.staffed and not new.staffed:
            yield bilingual(MSG_BUDGET_MERGE, role=old.name, target=library.roles[new.merged_into].name, budget=budget)
        elif new.headcount < old.headcount:
            yield bilingual(MSG_BUDGET_TRIM, role=old.name, count=new.headcount, budget=budget)


def _replace(roles, code, **changes):
    return [replace(r, **changes) if r.code == code else r for r in roles]


def staffed_ancestor(code, staffed, library):
    """The nearest role up ``code``'s default reporting line whose code is in ``staffed``, else the lead.

    The walk stops at a loop or an unknown code, so a misconfigured library cannot hang a request.
    """
    parent = library.roles[code].default_parent
    seen = set()
    while parent and parent not in seen:
        if parent in staffed:
            return parent
        seen.add(parent)
        parent = library.roles[parent].default_parent if parent in library.roles else None
    return LEAD


def _staffed_ancestor(code, roles, library):
    return staffed_ancestor(code, {r.code for r in roles if r.staffed and r.code != code}, library)


def _link(roles, library):
    """Resolve merge chains to a staffed role and set every staffed role's reporting line."""
    by_code = {r.code: r for r in roles}
    linked = []
    for role in roles:
        if role.staffed:
            reports_to = None if role.code == LEAD else _staffed_ancestor(role.code, roles, library)
            absorbs = tuple(r.code for r in roles if r.merged_into and _merge_target(r, by_code) == role.code)
            linked.append(replace(role, reports_to=reports_to, absorbs=absorbs))
        else:
            target = _merge_target(role, by_code)
            linked.append(replace(role, merged_into=target, reports_to=None, reasons=(
                *role.reasons, Reason(bilingual(MSG_MERGED_REASON, target=library.roles[target].name), "derived"))))
    return linked


def _merge_target(role, by_code):
    """Follow merged_into until a staffed role; a target missing from the plan hands over to the lead."""
    target, seen = role.merged_into, {role.code}
    while target in by_code and not by_code[target].staffed and target not in seen:
        seen.add(target)
        target = by_code[target].merged_into
    return target if target in by_code and target not in seen else LEAD


def choose_kpis(spec: RoleSpec, phase: str) -> list[KPIPick]:
    """The role's KPIs that suit the phase, the phase's own family first, at most MAX_KPIS, weights to 100."""
    suited = [k for k in spec.kpis if not k.phases or phase in k.phases]
    message = MSG_KPI_REASON if suited else MSG_KPI_FALLBACK
    ranked = sorted(suited or spec.kpis, key=lambda k: (k.family not in PHASE_FAMILIES[phase], -k.weight))
    chosen = [k for k in spec.kpis if k in ranked[:MAX_KPIS]]
    weights = normalise_weights([k.weight for k in chosen])
    return [
        KPIPick(k.code, k.name, k.family, weight, (Reason(bilingual(
            message, role=spec.name, phase=Phase(phase).label, family=Family(k.family).label), k.source),))
        for k, weight in zip(chosen, weights, strict=True)
    ]


def _with_kpis(role: RoleDraft, spec: RoleSpec, phase: str) -> RoleDraft:
    return replace(role, kpis=tuple(choose_kpis(spec, phase))) if role.staffed else role


def normalise_weights(weights: list[int]) -> list[int]:
    """Scale weights to whole numbers summing to 100 (largest remainder); equal split if all are zero."""
    if not weights:
        return []
    total = sum(weights)
    raw = [w * 100 / total for w in weights] if total else [100 / len(weights)] * len(weights)
    result = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - result[i]), i))
    for i in by_remainder[: 100 - sum(result)]:
        result[i] += 1
    return result


def growth_path(profile: CompanyProfile, library: Library, headcounts: dict[str, int]):
    """How the team grows through the later phases, starting from the plan's own ``headcounts`` (role → people):
    per phase, the recommended team and the roles and people it adds."""
    order = list(Phase.values)
    steps, before = [], headcounts
    for phase in order[order.index(profile.phase) + 1:]:
        draft = recommend_team(replace(profile, phase=phase, headcount_budget=None), library)
        added = [(r, r.headcount - before.get(r.code, 0)) for r in draft.roles if r.headcount > before.get(r.code, 0)]
        steps.append((phase, draft, added))
        before = {r.code: r.headcount for r in draft.roles}
    return steps
