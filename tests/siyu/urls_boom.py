"""The project's URLs plus one that fails, so tests can see the 500 page as a user would."""
from django.urls import path

from siyu.urls import urlpatterns as project_urls


def boom(request):
    raise RuntimeError("a failure for the 500 page test")


urlpatterns = [path("boom/", boom), *project_urls]
