from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "accord.health"
    label = "health"
    verbose_name = "Health"

    def ready(self) -> None:
        from . import reactions, signals  # noqa: F401  (register the signals and the triggers)
