from django.shortcuts import get_object_or_404, render

from .charts import library_tree
from .choices import Tier
from .models import Role


def library(request):
    """The role library, grouped front → middle → back office; ``?q=`` finds roles by name, summary or duty."""
    roles = list(Role.objects.filter(is_active=True).with_library())
    query = request.GET.get("q", "").strip()[:100]
    tier = request.GET.get("tier", "")
    shown = [role for role in roles if (not tier or role.tier == tier) and (not query or _mentions(role, query))]
    tiers = [(t, [role for role in shown if role.tier == t]) for t in Tier]
    return render(request, "teams/library.html", {
        "tiers": tiers, "role_count": len(roles), "shown_count": len(shown), "query": query, "tier": tier,
        "tier_choices": Tier.choices, "tree": library_tree(roles)})


def _mentions(role, query):
    """Whether the query appears in the role's names, summary or duties (either language, any case)."""
    needle = query.casefold()
    texts = [role.name_zh, role.name_en, role.summary_zh, role.summary_en]
    texts += [text for duty in role.duties.all() for text in (duty.text_zh, duty.text_en)]
    return any(needle in text.casefold() for text in texts)


def role_detail(request, code):
    role = get_object_or_404(Role.objects.with_spec(), code=code)
    rules = role.staffing_rules.filter(is_active=True).select_related("merged_into")
    return render(request, "teams/role_detail.html", {"role": role, "rules": rules})
