from django.contrib import admin

from .models import Contract, Milestone, Project, ScopeItem


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ScopeItemInline(admin.TabularInline):
    model = ScopeItem
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "client", "status", "start_date", "end_date", "budget", "currency")
    list_filter = ("workspace", "status")
    search_fields = ("name", "client__name")
    inlines = [MilestoneInline]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("project", "number", "signed_date", "hourly_rate", "meeting_cadence")
    inlines = [ScopeItemInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "planned_date", "forecast_date", "done_date")


@admin.register(ScopeItem)
class ScopeItemAdmin(admin.ModelAdmin):
    list_display = ("title", "contract", "kind")
