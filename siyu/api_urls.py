from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from kpis.api.views import KPIViewSet
from plans.api.compare import CompareView
from plans.api.review import ReviewStepView
from plans.api.versions import PlanVersionViewSet
from plans.api.views import PlanViewSet
from teams.api.views import RecommendationView, RoleViewSet


@csrf_exempt  # it changes nothing, so a DELETE to a wrong address is a 404 rather than a CSRF page
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("Not found.")}, status=404)


class TokenView(ObtainAuthToken):
    """A token for a username and password: JSON only (generated clients cannot build a body with several
    content types), no authentication needed, throttled like a login."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    authentication_classes = []


router = DefaultRouter()
router.register("roles", RoleViewSet, basename="role")
router.register("kpis", KPIViewSet, basename="kpi")
router.register("plans", PlanViewSet, basename="plan")
router.register(r"plans/(?P<plan_pk>\d+)/versions", PlanVersionViewSet, basename="plan-version")

urlpatterns = [
    path("recommendations/", RecommendationView.as_view(), name="recommendations"),
    path("plans/compare/", CompareView.as_view(), name="plans-compare"),
    *(path(f"plans/<int:pk>/{step}/", ReviewStepView.as_view(step=step), name=f"plan-{step}")
      for step in ReviewStepView.services),
    path("token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    *router.urls,
    re_path(r"", not_found),  # an unknown API address is a JSON 404 like every other API error
]
