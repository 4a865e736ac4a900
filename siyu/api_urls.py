from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from kpis.api.views import KPIViewSet
from plans.api.compare import CompareView
from plans.api.review import ReviewStepView
from plans.api.versions import PlanVersionViewSet
from plans.api.views import PlanViewSet
from teams.api.views import RecommendationView, RoleViewSet

from . import api_errors
from .api_token import TokenView


class SchemaView(SpectacularAPIView):
    """The schema as a download with a plain ASCII file name (``siyu-api.yaml`` or ``.json``)."""

    def _get_filename(self, request, version):
        return f"siyu-api.{self.perform_content_negotiation(request, force=True)[0].format}"


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
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    *router.urls,
    # An unknown API address is the same JSON 404 as every other; it changes nothing, so a DELETE to a wrong
    # address needs no CSRF token to be told so.
    re_path(r"", csrf_exempt(api_errors.not_found)),
]
