"""A real SMTP server on loopback (aiosmtpd) that tests can stop and start again."""

from __future__ import annotations

import email
import socket
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server: LocalSMTP) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.server.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.server.received.append(
            (list(envelope.rcpt_tos), email.message_from_bytes(envelope.content))
        )
        return "250 Message accepted for delivery"


class LocalSMTP:
    """``start()``, ``stop()``, and what arrived in ``received`` as (recipients, message)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[tuple[list[str], Message]] = []
        self.refuse: set[str] = set()
        self._controller: Controller | None = None

    @property
    def mailers(self) -> dict:
        """A MAILERS setting that sends through this server."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 5},
            }
        }

    def start(self) -> LocalSMTP:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[Message]:
        return [message for _rcpt, message in self.received]
