from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "accord.workspaces"
    label = "workspaces"
    verbose_name = "Workspaces"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from . import calendar
        from .models import Holiday

        request_started.connect(calendar.calendar_cache_start, dispatch_uid="calendar_cache")
        request_finished.connect(calendar.calendar_cache_end, dispatch_uid="calendar_cache")
        for signal in (post_save, post_delete):
            signal.connect(
                calendar.calendar_cache_clear, sender=Holiday, dispatch_uid="calendar_cache"
            )
