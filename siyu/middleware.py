from django.conf import settings
from django.http import HttpResponseNotFound
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Chinese for everyone unless they switched to English (the language cookie).

    A browser's Accept-Language is ignored on pages — many Chinese teams run English-language
    browsers — but API clients may ask for English with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not choice and request.path.startswith("/api/"):
            choice = translation.get_language_from_request(request)
        try:
            language = translation.get_supported_language_variant(choice or settings.LANGUAGE_CODE)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        return response


class NulPathMiddleware:
    """No address holds a NUL character: answer 404 before any view hands one to the database
    (PostgreSQL refuses NUL in text and the driver raises, a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseNotFound()
        return self.get_response(request)



class HttpsRedirectKeepsMethodMiddleware:
    """SECURE_SSL_REDIRECT answers with 301, after which clients resend a POST as a GET and the write is lost;
    for a write, the redirect to https:// is a 308, which keeps the method and body. (It wraps Django's
    SecurityMiddleware rather than replacing it, so `check --deploy` still finds that.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code == 301 and request.method not in ("GET", "HEAD") and not request.is_secure()
                and response.get("Location", "").startswith("https://")):
            response.status_code = 308
        return response
