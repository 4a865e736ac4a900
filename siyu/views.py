from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from rest_framework.response import Response
from rest_framework.views import APIView

from plans.models import TeamPlan
from plans.views import get_plan
from teams.models import Role


def home(request):
    recent = []
    if request.user.is_authenticated:
        recent = TeamPlan.objects.visible_to(request.user).with_totals()[:5]
    return render(request, "home.html", {"recent": recent, "role_count": Role.objects.count()})


@never_cache
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 — any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def floor(request):
    """Django's own floor for bench/serve_bench.py: a bare view with a fixed short page (BENCH=1 only)."""
    return HttpResponse("<!doctype html><title>floor</title><p>ok</p>")


@login_required
def session_ceiling(request, pk):
    """bench/serve_bench.py (BENCH=1 only): the least any signed-in plan page does — the session, its
    user and one plan row the user may see — so the best share of the floor such a page can reach."""
    plan = get_plan(request.user, pk, team=False)
    return HttpResponse(f"<!doctype html><title>ceiling</title><p>{plan.pk}</p>")


class TokenCeiling(APIView):
    """The same for the API: the token, its user and one plan row, through DRF (BENCH=1 only)."""

    schema = None

    def get(self, request, pk):
        return Response({"id": get_plan(request.user, pk, team=False).pk})
