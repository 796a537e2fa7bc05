from django.contrib import admin

from .models import Holiday, Member, Workspace


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "default_language", "time_zone")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MemberInline, HolidayInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("user", "workspace", "role", "language")
    list_filter = ("role", "workspace")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "workspace")
