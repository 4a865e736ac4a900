"""Side-by-side comparison pages: thin views over ``plans.compare``."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .compare import CompareError, compare_states, load_columns
from .compare_charts import comparison_charts
from .exports.compare import build_compare_workbook
from .exports.downloads import workbook_response
from .models import TeamPlan


@login_required
def compare(request):
    """``?ids=a,b[,c]``, ``?ids=a&versions=m,n`` or ``?ids=a&next=1``; without ids, a picker of readable plans."""
    if not request.GET.get("ids"):
        plans = TeamPlan.objects.visible_to(request.user).with_totals()
        return render(request, "plans/compare_pick.html", {"plans": plans})
    try:
        comparison = compare_states(load_columns(request.user, request.GET))
    except CompareError as error:
        return render(request, "plans/compare_pick.html", {
            "error": str(error), "plans": TeamPlan.objects.visible_to(request.user).with_totals()}, status=400)
    return render(request, "plans/compare.html", {"comparison": comparison, "charts": comparison_charts(comparison),
                                                  "query": request.GET.urlencode(),
                                                  "width": 1 + 2 + 4 * (len(comparison.columns) - 1)})


@login_required
def compare_xlsx(request):
    try:
        comparison = compare_states(load_columns(request.user, request.GET))
    except CompareError as error:
        return render(request, "plans/compare_pick.html", {
            "error": str(error), "plans": TeamPlan.objects.visible_to(request.user).with_totals()}, status=400)
    return workbook_response(build_compare_workbook(comparison), "comparison.xlsx")
