from django.urls import path

from . import views, wizard

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/duplicate/", views.plan_duplicate, name="duplicate"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("<int:pk>/replan/", wizard.replan, name="replan"),
    path("<int:pk>/roles/add/", views.role_add, name="role-add"),
    path("<int:pk>/roles/<int:role_pk>/edit/", views.role_edit, name="role-edit"),
    path("<int:pk>/roles/<int:role_pk>/remove/", views.role_remove, name="role-remove"),
]

wizard_patterns = ([
    path("", wizard.step, name="start"),
    path("<int:pk>/<int:number>/", wizard.step, name="step"),
], "wizard")
