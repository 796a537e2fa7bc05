from django.contrib import admin

from .models import (
    Attachment,
    Interaction,
    Mailbox,
    OutgoingAttachment,
    OutgoingEmail,
    QuarantinedMessage,
)


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

    # Opening, deciding and recording go through Accord's services, which number, log and raise
    # the webhooks; the admin shows these records and edits only what no event depends on.
    def has_add_permission(self, request) -> bool:
        return False


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


class OutgoingAttachmentInline(admin.TabularInline):
    model = OutgoingAttachment
    fields = ("filename", "mimetype")
    readonly_fields = ("filename", "mimetype")
    extra = 0


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = (
        "subject",
        "workspace",
        "work_state",
        "work_attempts",
        "work_due_at",
        "work_error",
    )
    list_filter = ("work_state",)
    search_fields = ("subject",)
    exclude = ("body",)
    readonly_fields = ("interaction", "to", "cc", "headers", "work_claimed_at", "work_done_at")
    inlines = [OutgoingAttachmentInline]


@admin.register(OutgoingAttachment)
class OutgoingAttachmentAdmin(admin.ModelAdmin):
    list_display = ("filename", "mimetype", "outgoing")
    exclude = ("content",)
