from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from plans.urls import wizard_patterns

from . import views
from .auth import ThrottledAuthenticationForm

admin.site.site_header = admin.site.site_title = _("Siyu Team Designer administration")
admin.site.index_title = _("Library, rules and plans")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("library/", include("teams.urls")),
    path("plans/", include("plans.urls")),
    path("wizard/", include(wizard_patterns)),
    path("api/", include("siyu.api_urls")),
    path("accounts/login/", LoginView.as_view(authentication_form=ThrottledAuthenticationForm), name="login"),
    path("accounts/password_change/", views.ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "siyu.views.bad_request"
handler403 = "siyu.views.permission_denied"
handler404 = "siyu.views.page_not_found"
handler500 = "siyu.views.server_error"

if settings.BENCH:
    urlpatterns += [path("_bench/", include("bench.urls"))]
