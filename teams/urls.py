from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:code>/", views.role_detail, name="role"),
]
