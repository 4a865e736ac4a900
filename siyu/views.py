from django.contrib.auth.views import PasswordChangeView
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from plans.models import TeamPlan
from teams.models import Role

from .auth import ThrottledPasswordChangeForm


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


class ThrottledPasswordChangeView(PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
