from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "accord.triage"
    label = "triage"
    verbose_name = "Triage"

    def ready(self) -> None:
        from accord.core.work import sweep_register

        def triage_sweep() -> int:
            from .services import interactions_triage_pending

            return interactions_triage_pending()

        sweep_register("triage", triage_sweep)
