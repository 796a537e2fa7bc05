from django.urls import path

from . import views

app_name = "drafts"
urlpatterns = [path("project/<int:project_id>/use/", views.draft_use, name="use")]
