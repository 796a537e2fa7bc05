from django.contrib import admin

from .models import ReportSchedule, StatusReport


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ("project", "cadence", "next_send_on")
    list_filter = ("workspace", "cadence")


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ("subject", "project", "language", "sent_at")
    list_filter = ("workspace", "language")
    exclude = ("html", "pdf")
