from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from plans.urls import wizard_patterns

from . import views

admin.site.site_header = admin.site.site_title = _("Siyu Team Designer administration")
admin.site.index_title = _("Library, rules and plans")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("library/", include("teams.urls")),
    path("plans/", include("plans.urls")),
    path("wizard/", include(wizard_patterns)),
    path("api/", include("siyu.api_urls")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", views.ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("accounts/password_reset/done/", views.password_reset_done, name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("accounts/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own password change would skip the throttle: its address serves ours.
    path("admin/password_change/", views.ThrottledPasswordChangeView.as_view()),
    path("admin/", admin.site.urls),
]

handler400 = "siyu.views.bad_request"
handler403 = "siyu.views.permission_denied"
handler404 = "siyu.views.page_not_found"
handler500 = "siyu.views.server_error"

if settings.BENCH:
    urlpatterns += [path("_bench/", include("bench.urls"))]
