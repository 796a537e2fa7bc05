from django.contrib import admin

from .models import Draft


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("subject", "project", "kind", "created_at")
    list_filter = ("workspace", "kind")
    search_fields = ("subject", "body")
    raw_id_fields = ("project", "contact", "in_reply_to", "sent_interaction")
