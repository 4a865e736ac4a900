from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from common.api import choice_filter, refuse_unknown_parameters
from common.choices import Industry, Phase
from teams.engine import ENGINE_FIELDS, PROFILE_FIELDS, CompanyProfile, recommend_team
from teams.selectors import load_library

from ..models import TeamPlan
from ..services import ERR_CONFLICT, plan_create_from_draft, plan_delete, plan_rename, plan_replace_team
from .serializers import PlanSerializer

CACHE_SECONDS = 3600


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = _("This plan has changed since you read it (If-Match does not match its ETag). "
                       "Read it again and retry.")


def etag(plan):
    return f'"{plan.revision}"'


class PlanPermission(permissions.BasePermission):
    """Reading follows visibility (own plans, or all for HR); writing needs ownership and the group's right."""

    actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
        action = self.actions.get(request.method)
        return request.user.is_authenticated and (action is None or request.user.has_perm(f"plans.{action}_teamplan"))

    def has_object_permission(self, request, view, plan):
        return request.method in permissions.SAFE_METHODS or plan.owner_id == request.user.pk


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("phase", enum=Phase.values),
                                   OpenApiParameter("industry", enum=Industry.values)]),
)
class PlanViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                  mixins.DestroyModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Team plans. POST takes a profile and saves the engine's result; PATCH of profile fields re-plans."""

    serializer_class = PlanSerializer
    permission_classes = [PlanPermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return TeamPlan.objects.none()
        plans = TeamPlan.objects.visible_to(self.request.user).select_related("owner")
        refuse_unknown_parameters(self.request, ["phase", "industry"])
        if phase := choice_filter(self.request, "phase", Phase):
            plans = plans.filter(phase=phase)
        if industry := choice_filter(self.request, "industry", Industry):
            plans = plans.filter(industry=industry)
        return plans

    def get_object(self):
        """One plan by id, without its team; the owner's own plan needs no permission lookup."""
        plan = get_object_or_404(TeamPlan.objects.select_related("owner"), pk=self.kwargs["pk"])
        if not plan.is_visible_to(self.request.user):
            raise Http404
        self.check_object_permissions(self.request, plan)
        wanted = self.request.headers.get("If-Match")
        if wanted and wanted.strip() != "*" and etag(plan) not in [tag.strip() for tag in wanted.split(",")]:
            raise PreconditionFailed
        return plan

    def finalize_response(self, request, response, *args, **kwargs):
        """Every response about one plan carries its revision as ETag, for If-Match on PATCH and DELETE."""
        plan = getattr(self, "_etag_plan", None)
        if plan is not None and response.status_code < 300:
            response["ETag"] = etag(plan)
        return super().finalize_response(request, response, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        plan = self.get_object()
        self._etag_plan = plan
        return Response(self._represent([plan])[0])

    def list(self, request, *args, **kwargs):
        return self.get_paginated_response(self._represent(self.paginate_queryset(self.get_queryset())))

    def _represent(self, plans):
        """Each plan as cached under its revision and the language; only plans missing there are read with
        their teams (in one go), and the owner's name is always read afresh."""
        keys = {plan.pk: f"api-plan:{plan.revision}:{get_language()}" for plan in plans}
        found = cache.get_many(list(keys.values()))
        missing = [pk for pk, key in keys.items() if key not in found]
        if missing:
            fresh = {keys[plan.pk]: self.get_serializer(plan).data
                     for plan in TeamPlan.objects.with_team(texts=False).filter(pk__in=missing)}
            cache.set_many(fresh, CACHE_SECONDS)
            found.update(fresh)
        return [{**found[keys[plan.pk]], "owner": plan.owner.get_username()} for plan in plans]

    def get_success_headers(self, data):
        return {"Location": self.request.build_absolute_uri(reverse("plan-detail", args=[data["id"]]))}

    def perform_create(self, serializer):
        draft = recommend_team(profile=_profile(serializer.validated_data), library=load_library())
        serializer.instance = self._etag_plan = plan_create_from_draft(owner=self.request.user, draft=draft)

    def perform_update(self, serializer):
        """A race lost to another edit of the plan (or a deadlock the database broke) is a 409, not a 500."""
        try:
            with transaction.atomic():
                self._update(serializer)
        except ValidationError as error:
            raise Conflict(error.messages[0]) from error
        except DatabaseError as error:
            raise Conflict(str(ERR_CONFLICT)) from error

    def perform_destroy(self, instance):
        """Through the service, so a submitted or approved plan is refused (409 naming its status) as on its page."""
        try:
            plan_delete(plan=instance)
        except ValidationError as error:
            raise Conflict(error.messages[0]) from error

    def _update(self, serializer):
        plan, changes = serializer.instance, serializer.validated_data
        answers = {name: changes.get(name, getattr(plan, name)) for name in PROFILE_FIELDS}
        if any(answers[name] != getattr(plan, name) for name in ENGINE_FIELDS):
            plan_replace_team(plan=plan, draft=recommend_team(profile=_profile(answers), library=load_library()))
        else:
            plan_rename(plan=plan, company_name=answers["company_name"])
        serializer.instance = self._etag_plan = TeamPlan.objects.with_team(texts=False).get(pk=plan.pk)


def _profile(answers):
    return CompanyProfile(**{name: answers.get(name) for name in PROFILE_FIELDS})
