from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/panels/<slug:key>/", views.project_panel, name="panel"),
    path("<int:project_id>/edit/", views.project_edit, name="edit"),
    path("<int:project_id>/contract/", views.contract_edit, name="contract"),
    path("<int:project_id>/contract/scope/", views.scope_item_add, name="scope_item_add"),
    path(
        "<int:project_id>/contract/scope/<int:item_id>/remove/",
        views.scope_item_remove,
        name="scope_item_remove",
    ),
    path("<int:project_id>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:milestone_id>/edit/", views.milestone_edit, name="milestone_edit"),
]
