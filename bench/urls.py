from django.urls import path

from . import views

urlpatterns = [
    path("floor", views.floor),
    path("signed-in-floor", views.signed_in_floor),
    path("session-ceiling/<int:pk>", views.session_ceiling),
    path("token-ceiling/<int:pk>", views.TokenCeiling.as_view()),
]
