from django.contrib import admin

from .models import DunningAction, DunningStep, Invoice, Payment, PaymentPlan


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "client", "project", "amount", "currency", "due_date", "status")
    list_filter = ("status", "currency")
    search_fields = ("number",)
    readonly_fields = ("amount_paid", "status", "handed_over_at")


admin.site.register(Payment)
admin.site.register(DunningStep)
admin.site.register(DunningAction)
admin.site.register(PaymentPlan)
