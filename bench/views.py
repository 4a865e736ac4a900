"""Views only ``bench/serve_bench.py`` serves (``BENCH=1``): the floor and ceilings pages are measured against."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from plans.views import get_plan


def floor(request):
    """Django's own floor for bench/serve_bench.py: a bare view with a fixed short page (BENCH=1 only)."""
    return HttpResponse("<!doctype html><title>floor</title><p>ok</p>")


@login_required
def signed_in_floor(request):
    """The authenticated floor (BENCH=1 only): the session and its user read, a fixed short page. No
    signed-in page can cost less, so issue 17's targets are shares of this row."""
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
