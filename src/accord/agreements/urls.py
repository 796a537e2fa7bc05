from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("project/<int:project_id>/new/", views.agreement_create, name="create"),
    path("<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("<int:agreement_id>/revise/", views.agreement_revise, name="revise"),
    path("<int:agreement_id>/reverse/", views.agreement_reverse, name="reverse"),
    path("<int:agreement_id>/status/", views.agreement_status, name="status"),
    path(
        "commitments/project/<int:project_id>/new/",
        views.commitment_create,
        name="commitment_create",
    ),
    path("commitments/<int:commitment_id>/", views.commitment_row, name="commitment_row"),
    path("commitments/<int:commitment_id>/edit/", views.commitment_edit, name="commitment_edit"),
    path(
        "commitments/<int:commitment_id>/done/",
        views.commitment_complete,
        name="commitment_complete",
    ),
]
