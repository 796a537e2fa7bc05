from django.contrib import admin

from .models import AgendaItem, Meeting, MinutesReminder


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "project",
        "kind",
        "starts_at",
        "status",
        "minutes_sent_at",
        "objection_status",
    )
    list_filter = ("workspace", "kind", "status")
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("text", "section", "meeting")


@admin.register(MinutesReminder)
class MinutesReminderAdmin(admin.ModelAdmin):
    list_display = ("meeting", "raised_at", "resolved_at")
