from django.contrib import admin

from .models import Interaction


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "channel", "direction", "subject", "client", "project")
    list_filter = ("workspace", "channel", "direction", "language")
    search_fields = ("subject", "body_text", "message_id")
    exclude = ("raw",)
