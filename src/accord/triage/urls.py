from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [path("messages/<int:interaction_id>/correct/", views.correct, name="correct")]
