from django.contrib import admin

from .models import Case, CaseDraft, CaseStep, CaseSuggestion, PlaybookOverride


class StepInline(admin.TabularInline):
    model = CaseStep
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("situation", "project", "severity", "status", "owner", "opened_at")
    list_filter = ("workspace", "situation", "severity", "status")
    inlines = [StepInline]
    readonly_fields = ("status", "opened_at", "resolved_at")

    # Opening, deciding and recording go through Accord's services, which number, log and raise
    # the webhooks; the admin shows these records and edits only what no event depends on.
    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CaseStep)
class CaseStepAdmin(admin.ModelAdmin):
    list_display = ("case", "position", "text", "done_at")


@admin.register(CaseDraft)
class CaseDraftAdmin(admin.ModelAdmin):
    list_display = ("case", "language", "subject", "created_at")


@admin.register(PlaybookOverride)
class PlaybookOverrideAdmin(admin.ModelAdmin):
    list_display = ("situation", "workspace", "updated_at")


@admin.register(CaseSuggestion)
class CaseSuggestionAdmin(admin.ModelAdmin):
    list_display = ("situation", "project", "score", "status", "created_at")
    list_filter = ("workspace", "status", "situation")
    raw_id_fields = ("project", "interaction", "case", "decided_by")
