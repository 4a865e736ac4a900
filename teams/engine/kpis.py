"""Which KPIs measure a role in a phase, and their weights."""
from dataclasses import replace

from common.choices import Phase
from common.weights import WEIGHT_TOTAL
from kpis.choices import Family

from . import messages as msg
from .values import KPIPick, RoleDraft, RoleSpec

MAX_KPIS = 5  # a sheet longer than this stops steering anyone
PHASE_FAMILIES = {  # what each phase measures first [S0]
    Phase.LAUNCH: {"user", "activity"},
    Phase.GROWTH: {"result"},
    Phase.MATURE: {"management"},
}


def choose_kpis(spec: RoleSpec, phase: str) -> list[KPIPick]:
    """The role's KPIs that suit the phase, the phase's own family first, at most MAX_KPIS, weights to 100."""
    suited = [k for k in spec.kpis if not k.phases or phase in k.phases]
    message = msg.MSG_KPI_REASON if suited else msg.MSG_KPI_FALLBACK
    ranked = sorted(suited or spec.kpis, key=lambda k: (k.family not in PHASE_FAMILIES[phase], -k.weight))
    chosen = [k for k in spec.kpis if k in ranked[:MAX_KPIS]]
    weights = normalise_weights([k.weight for k in chosen])
    return [
        KPIPick(k.code, k.name, k.family, weight, (msg.reason(
            message, k.source, role=spec.name, phase=Phase(phase).label, family=Family(k.family).label),))
        for k, weight in zip(chosen, weights, strict=True)
    ]


MAX_CARRIED = 2  # KPIs a role takes over from the roles merged into it


def with_kpis(role: RoleDraft, library, phase: str) -> RoleDraft:
    """A staffed role's own KPIs, plus the most important KPI of each role whose duties it absorbed."""
    if not role.staffed:
        return role
    own = choose_kpis(library.roles[role.code], phase)
    carried = []
    for code in role.absorbs:
        picks = [k for k in choose_kpis(library.roles[code], phase) if k.code not in {p.code for p in own + carried}]
        if picks and len(carried) < MAX_CARRIED:
            top = max(picks, key=lambda k: k.weight)
            carried.append(replace(top, reasons=(msg.reason(
                msg.MSG_CARRIED_KPI, top.reasons[0].source, role=library.roles[code].name), *top.reasons)))
    chosen = own[:MAX_KPIS - len(carried)] + carried
    weights = normalise_weights([k.weight for k in chosen])
    return replace(role, kpis=tuple(replace(k, weight=w) for k, w in zip(chosen, weights, strict=True)))


def normalise_weights(weights: list[int]) -> list[int]:
    """Scale weights to whole numbers summing to 100 (largest remainder); equal split if all are zero."""
    if not weights:
        return []
    total = sum(weights)
    raw = [w * WEIGHT_TOTAL / total for w in weights] if total else [WEIGHT_TOTAL / len(weights)] * len(weights)
    result = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - result[i]), i))
    for i in by_remainder[: WEIGHT_TOTAL - sum(result)]:
        result[i] += 1
    return result
