from django.contrib import admin

from .models import Survey, SurveyResponse


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("project", "contact", "trigger", "language", "expires_at", "answered_at")
    list_filter = ("workspace", "trigger")
    exclude = ("token_hash",)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ("survey", "score", "quality", "communication", "timeliness", "price")
    list_filter = ("workspace", "score")
