from django.contrib import admin

from .models import Agreement, Commitment


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "decided_on", "source", "status", "version")
    list_filter = ("workspace", "status", "source")
    search_fields = ("title", "details")
    readonly_fields = ("lineage", "version", "supersedes")


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "side", "due_date", "status")
    list_filter = ("workspace", "side", "status")
    search_fields = ("title",)
