from django.urls import path

from . import views

app_name = "billing"
urlpatterns = [
    path("", views.receivables, name="receivables"),
    path("late/", views.late_list, name="late"),
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/new/", views.invoice_create, name="invoice_create"),
    path("invoices/<int:invoice_id>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:invoice_id>/payments/", views.payment_add, name="payment_add"),
    path("invoices/<int:invoice_id>/plan/", views.plan_add, name="plan_add"),
    path(
        "invoices/<int:invoice_id>/plan/<int:plan_id>/cancel/",
        views.plan_cancel,
        name="plan_cancel",
    ),
    path("invoices/<int:invoice_id>/cancel/", views.invoice_cancel, name="invoice_cancel"),
    path("invoices/<int:invoice_id>/handover.zip", views.handover_download, name="handover"),
    path("promises/<int:promise_id>/", views.promise_decide, name="promise_decide"),
    path("import/", views.import_view, name="import"),
    path(
        "import/template/<str:kind>.<str:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("ladder/", views.ladder_edit, name="ladder"),
    path("charts/ageing.svg", views.ageing_chart, name="ageing_chart"),
    path(
        "charts/project/<int:project_id>/ageing.svg",
        views.project_ageing_chart,
        name="project_ageing_chart",
    ),
]
