from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "member", "created_at", "last_used_at", "revoked_at")
    list_filter = ("workspace",)
    readonly_fields = ("prefix", "token_hash", "created_at", "last_used_at")
    search_fields = ("name", "prefix", "member__user__username")
