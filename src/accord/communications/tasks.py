from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(minute="*/5"))
def mailboxes_fetch_periodically() -> None:
    from .ingestion.mailbox import mailbox_fetch
    from .models import Mailbox

    for mailbox in Mailbox.objects.filter(is_active=True):
        try:
            mailbox_fetch(mailbox=mailbox)
        except Exception:  # noqa: BLE001, S112 - the error is stored on the mailbox; try the next one
            continue


@db_task()
def mailbox_fetch_now(mailbox_id: int) -> None:
    from .ingestion.mailbox import mailbox_fetch
    from .models import Mailbox

    mailbox = Mailbox.objects.filter(pk=mailbox_id).first()
    if mailbox is not None:
        mailbox_fetch(mailbox=mailbox)


@db_task()
def outbox_send(outgoing_id: int) -> str:
    """Send one queued e-mail; safe to repeat (a sent or claimed e-mail is left alone)."""
    from .outbox import outbox_deliver

    return outbox_deliver(outgoing_id)
