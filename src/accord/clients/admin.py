from django.contrib import admin

from .models import Client, Contact, ContactEmail


class ContactEmailInline(admin.TabularInline):
    model = ContactEmail
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "workspace", "language")
    list_filter = ("workspace", "language")
    search_fields = ("name",)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "client", "role", "language", "workspace")
    list_filter = ("workspace", "role", "language")
    search_fields = ("name", "emails__address")
    inlines = [ContactEmailInline]


@admin.register(ContactEmail)
class ContactEmailAdmin(admin.ModelAdmin):
    list_display = ("address", "contact", "workspace")
    search_fields = ("address",)
