from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "accord.changes"
    label = "changes"
    verbose_name = "Changes"

    def ready(self) -> None:
        from accord.communications.outbox import email_sent

        def on_email_sent(sender, interaction, **_kwargs) -> None:
            from .services import change_request_email_sent

            change_request_email_sent(interaction=interaction)

        email_sent.connect(on_email_sent, dispatch_uid="changes.email_sent", weak=False)
