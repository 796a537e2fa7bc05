from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "accord.situations"
    label = "situations"
    verbose_name = "Situations"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the playbook check
