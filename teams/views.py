from django.shortcuts import get_object_or_404, render

from .charts import library_tree
from .choices import Tier
from .models import Role


def library(request):
    """The role library, grouped front → middle → back office."""
    roles = list(Role.objects.filter(is_active=True).with_library())
    tiers = [(tier, [role for role in roles if role.tier == tier]) for tier in Tier]
    return render(request, "teams/library.html", {
        "tiers": tiers, "role_count": len(roles), "tree": library_tree(roles)})


def role_detail(request, code):
    role = get_object_or_404(Role.objects.with_library(), code=code)
    rules = role.staffing_rules.filter(is_active=True).select_related("merged_into")
    return render(request, "teams/role_detail.html", {"role": role, "rules": rules})
