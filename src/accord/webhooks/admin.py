from django.contrib import admin

from .models import WebhookDelivery, WebhookEmitted, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("url", "workspace", "is_active", "created_at")
    list_filter = ("workspace", "is_active")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "work_state", "work_attempts", "last_status_code")
    list_filter = ("work_state", "event")
    readonly_fields = ("body",)


@admin.register(WebhookEmitted)
class WebhookEmittedAdmin(admin.ModelAdmin):
    list_display = ("event", "key", "workspace", "created_at")
