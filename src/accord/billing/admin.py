from django.contrib import admin

from .models import (
    DunningAction,
    DunningStep,
    Instalment,
    Invoice,
    InvoiceMention,
    Payment,
    PaymentPlan,
    PaymentPromise,
)


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "client", "project", "amount", "currency", "due_date", "status")
    list_filter = ("status", "currency")
    search_fields = ("number",)
    # Kept by the payment services under a lock; never typed by hand.
    readonly_fields = ("amount_paid", "status", "handed_over_at")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("invoice", "amount", "paid_on", "reference", "method")
    search_fields = ("reference", "invoice__number")


@admin.register(DunningStep)
class DunningStepAdmin(admin.ModelAdmin):
    list_display = ("workspace", "days_late", "action", "is_active")


@admin.register(DunningAction)
class DunningActionAdmin(admin.ModelAdmin):
    list_display = ("invoice", "days_late", "action", "status", "done_on")
    list_filter = ("status", "action")


@admin.register(PaymentPlan)
class PaymentPlanAdmin(admin.ModelAdmin):
    list_display = ("invoice", "agreed_on", "status", "ended_on")


admin.site.register(Instalment)
admin.site.register(InvoiceMention)
admin.site.register(PaymentPromise)
