from django.urls import path

from . import views

app_name = "health"
urlpatterns = [
    path("", views.index, name="index"),
    path("clients/<int:client_id>/", views.client_detail, name="client"),
    path("projects/<int:project_id>/recompute/", views.recompute, name="recompute"),
]
