from django.contrib import admin

from .models import ClientHealth, ClientHealthSnapshot, ProjectHealth, ProjectHealthSnapshot


@admin.register(ProjectHealth)
class ProjectHealthAdmin(admin.ModelAdmin):
    list_display = ("project", "score", "band", "computed_at")
    list_filter = ("workspace", "band")


@admin.register(ClientHealth)
class ClientHealthAdmin(admin.ModelAdmin):
    list_display = ("client", "score", "band", "computed_at")
    list_filter = ("workspace", "band")


@admin.register(ProjectHealthSnapshot)
class ProjectHealthSnapshotAdmin(admin.ModelAdmin):
    list_display = ("project", "day", "score")
    list_filter = ("workspace",)


@admin.register(ClientHealthSnapshot)
class ClientHealthSnapshotAdmin(admin.ModelAdmin):
    list_display = ("client", "day", "score")
    list_filter = ("workspace",)
