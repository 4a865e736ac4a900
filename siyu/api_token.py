"""POST /api/token/ and DELETE /api/token/, and how the schema names the two ways to authenticate."""
from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import StrictFieldsMixin

from .api_auth import ExpiringTokenAuthentication, SessionAuthentication, expires_at, is_expired


class TokenAuthScheme(OpenApiAuthenticationExtension):
    target_class = ExpiringTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Token <key>` from POST /api/token/; it expires after TOKEN_TTL (30 days by default) "
                               "and is revoked by DELETE /api/token/ or a password change."}


class SessionAuthScheme(OpenApiAuthenticationExtension):
    target_class = SessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class CredentialsSerializer(StrictFieldsMixin, AuthTokenSerializer):
    pass


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(source="key")
    expires = serializers.DateTimeField(source="expires_at", help_text="When the token stops working.")


def token_for(user):
    """The user's live token: a new one when they have none or theirs has expired."""
    token = Token.objects.filter(user=user).first()
    if token is not None and is_expired(token):
        token.delete()
        token = None
    token = token or Token.objects.create(user=user)
    token.expires_at = expires_at(token)
    return token


class TokenView(APIView):
    """POST: a token for a username and password (JSON only, no authentication, throttled like a login).
    DELETE: revoke the caller's token (every client using it is signed out)."""

    throttle_scope = "token"

    def is_login(self):
        return getattr(self.request, "method", None) == "POST"

    def get_authenticators(self):
        return [] if self.is_login() else super().get_authenticators()

    def get_permissions(self):
        return [permissions.AllowAny()] if self.is_login() else super().get_permissions()

    @extend_schema(request=CredentialsSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request):
        credentials = CredentialsSerializer(data=request.data, context={"request": request})
        credentials.is_valid(raise_exception=True)
        return Response(TokenSerializer(token_for(credentials.validated_data["user"])).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
