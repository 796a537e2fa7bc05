from django.contrib import admin

from .models import (
    ChangeRequest,
    ChangeRequestSequence,
    DecisionLink,
    IntermediateResult,
    PlanVersion,
    ScheduleShift,
)


class ShiftInline(admin.TabularInline):
    model = ScheduleShift
    extra = 0


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ("__str__", "project", "status", "scope_verdict", "effort_hours", "cost")
    list_filter = ("workspace", "status", "scope_verdict")
    inlines = [ShiftInline]
    readonly_fields = ("number", "workspace_number", "status", "decided_at")

    # Opening, deciding and recording go through Accord's services, which number, log and raise
    # the webhooks; the admin shows these records and edits only what no event depends on.
    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DecisionLink)
class DecisionLinkAdmin(admin.ModelAdmin):
    list_display = ("change_request", "expires_at", "used_at")
    exclude = ("token_hash",)


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("project", "change_request", "budget_before", "budget_after", "created_at")


@admin.register(IntermediateResult)
class IntermediateResultAdmin(admin.ModelAdmin):
    list_display = ("milestone", "kind", "shown_at")


@admin.register(ScheduleShift)
class ScheduleShiftAdmin(admin.ModelAdmin):
    list_display = ("change_request", "milestone", "days")


@admin.register(ChangeRequestSequence)
class ChangeRequestSequenceAdmin(admin.ModelAdmin):
    list_display = ("workspace", "last_number")
    # The number is taken under a lock by the service; an edit here could hand it out twice.
    readonly_fields = ("workspace", "last_number")
