from django.contrib import admin

from .models import Attachment, Interaction, Mailbox, QuarantinedMessage


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "channel", "direction", "subject", "client", "project")
    list_filter = ("workspace", "channel", "direction", "language")
    search_fields = ("subject", "body_text", "message_id")
    exclude = ("raw",)
    inlines = [AttachmentInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("filename", "content_type", "size", "interaction")


@admin.register(QuarantinedMessage)
class QuarantinedMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "source", "reason", "attempts", "resolved_at")
    exclude = ("raw",)


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ("name", "host", "username", "folder", "last_uid", "last_fetched_at")
    exclude = ("password_encrypted",)
