"""``POST /api/plans/{id}/submit/``, ``/approve/`` and ``/return/`` (body ``{"comment": …}``)."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import StrictFieldsMixin
from teams.api.serializers import StrictCharField

from .. import review
from ..models import PlanStatus, TeamPlan
from .views import Conflict

NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"  # the schema says it too, as the pattern
ERR_CONTROL = _("comment: remove the invisible control characters.")


class ReviewInSerializer(StrictFieldsMixin, serializers.Serializer):
    comment = StrictCharField(required=False, allow_blank=True, max_length=4000, default="", trim_whitespace=False,
                              validators=[RegexValidator(NO_CONTROL, ERR_CONTROL)])


class ReviewOutSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    version = serializers.IntegerField(allow_null=True, help_text="The version the step was taken on.")


class ReviewStepView(APIView):
    """One step of a plan's review. Illegal steps (approving a draft, submitting an approved plan…) answer 409 naming
    the plan's status; approving or returning your own plan, or without the Approvers group, 403."""

    step = None
    services = {"submit": review.plan_submit, "approve": review.plan_approve, "return": review.plan_return}

    @extend_schema(request=ReviewInSerializer, responses={
        200: ReviewOutSerializer, 400: OpenApiResponse(description="The comment is missing (return) or too long."),
        403: OpenApiResponse(description="Not the owner (submit), not an approver, or your own plan."),
        404: OpenApiResponse(description="No such plan, or not yours to read."),
        409: OpenApiResponse(description="The step is not allowed from the plan's status, which the message names.")})
    def post(self, request, pk):
        plan = TeamPlan.objects.select_related("owner").filter(pk=pk).first()
        if plan is None or not plan.is_visible_to(request.user):
            raise Http404
        body = ReviewInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            entry = self.services[self.step](plan=plan, user=request.user, comment=body.validated_data["comment"])
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise serializers.ValidationError(error.message_dict) from error
            raise Conflict(error.messages[0]) from error
        return Response(ReviewOutSerializer({"status": plan.status, "version": entry.version}).data,
                        status=status.HTTP_200_OK)
