from django.contrib import admin

from .models import TriageCorrection, TriageResult


@admin.register(TriageResult)
class TriageResultAdmin(admin.ModelAdmin):
    list_display = ("interaction", "labels", "tone", "urgency", "lang", "model_version")


@admin.register(TriageCorrection)
class TriageCorrectionAdmin(admin.ModelAdmin):
    list_display = ("interaction", "labels", "accepted", "corrected_by", "created_at")
