from functools import partial

from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from .charts import library_tree
from .choices import Tier
from .models import LibraryRevision, Role


def library(request):
    """The role library, grouped front → middle → back office; ``?q=`` finds roles by name, summary or duty.

    The page is cached under the library revision, the language and the search, and its roles are read
    only when it has to be drawn: a repeat visit costs the one query that reads the revision.
    """
    query = request.GET.get("q", "").strip()[:100]
    tier = request.GET.get("tier", "")
    tier = tier if tier in Tier.values else ""
    return render(request, "teams/library.html", {
        "revision": LibraryRevision.current(), "query": query, "tier": tier, "tier_choices": Tier.choices,
        "page": SimpleLazyObject(partial(_library_page, query, tier))})


def _library_page(query, tier):
    roles = list(Role.objects.filter(is_active=True).with_library())
    shown = [role for role in roles if (not tier or role.tier == tier) and (not query or _mentions(role, query))]
    return {"tiers": [(t, [role for role in shown if role.tier == t]) for t in Tier], "role_count": len(roles),
            "shown_count": len(shown), "tree": library_tree(roles)}


def _mentions(role, query):
    """Whether the query appears in the role's names, summary or duties (either language, any case)."""
    needle = query.casefold()
    texts = [role.name_zh, role.name_en, role.summary_zh, role.summary_en]
    texts += [text for duty in role.duties.all() for text in (duty.text_zh, duty.text_en)]
    return any(needle in text.casefold() for text in texts)


def role_detail(request, code):
    """The role's head from its row; the rest (duties, capabilities, requirements, KPIs, the rules that recommend
    it) cached under the library revision and the language, and read only when it has to be drawn."""
    role = get_object_or_404(Role.objects.select_related("default_parent"), code=code)
    return render(request, "teams/role_detail.html", {
        "role": role, "revision": LibraryRevision.current(), "spec": SimpleLazyObject(partial(_role_spec, role.pk))})


def _role_spec(pk):
    role = Role.objects.with_spec().get(pk=pk)
    return {"role": role, "rules": role.staffing_rules.filter(is_active=True).select_related("merged_into")}
