from django.contrib import admin

from .models import Event, Heartbeat


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "workspace", "actor", "verb", "target_type", "target_id")
    list_filter = ("verb",)
    readonly_fields = [field.name for field in Event._meta.fields]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "at")
    readonly_fields = ("name", "at")
