from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "accord.communications"
    label = "communications"
    verbose_name = "Communications"

    def ready(self) -> None:
        from accord.core.work import sweep_register

        def outbox_sweep() -> str:
            from .outbox import outbox_flush

            summary = outbox_flush()
            return f"sent {summary.sent}, retrying {summary.retrying}, failed {summary.failed}"

        sweep_register("outbox", outbox_sweep)
