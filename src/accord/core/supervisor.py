"""`accord serve`'s supervisor: keeps the web server and the task consumer running.

A child that exits while Accord is not stopping is restarted after a backoff (logged); when one
keeps crashing (more than ``ACCORD_SERVE_MAX_RESTARTS`` restarts within
``ACCORD_SERVE_RESTART_WINDOW`` seconds) everything is stopped and the supervisor exits non-zero,
so a process manager above it (systemd, a container runtime) sees the failure. Ctrl-C or SIGTERM
stops every child and exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("accord.serve")


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: dict
    process: subprocess.Popen | None = None
    restarts: deque = field(default_factory=deque)
    restart_at: float | None = None
    delay: float = 0.0
    stop_signal: int = signal.SIGTERM

    def start(self) -> None:
        self.process = subprocess.Popen(list(self.argv), env=self.env)
        self.restart_at = None
        logger.info("%s started (pid %s)", self.name, self.process.pid)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class GiveUp(Exception):
    pass


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.max_restarts = int(_env_float("ACCORD_SERVE_MAX_RESTARTS", 5))
        self.window = _env_float("ACCORD_SERVE_RESTART_WINDOW", 300)
        self.base_delay = _env_float("ACCORD_SERVE_RESTART_DELAY", 1)
        self.max_delay = 60.0
        self.stopping = False

    def _child_exited(self, child: Child, now: float) -> None:
        code = child.process.returncode if child.process else None
        while child.restarts and now - child.restarts[0] > self.window:
            child.restarts.popleft()
        if len(child.restarts) >= self.max_restarts:
            raise GiveUp(
                f"{child.name} exited with code {code} and was restarted {len(child.restarts)} "
                f"times in the last {self.window:.0f} s; giving up"
            )
        child.delay = min(self.max_delay, self.base_delay * 2 ** len(child.restarts))
        child.restarts.append(now)
        child.restart_at = now + child.delay
        logger.error(
            "%s exited with code %s; restarting in %.1f s (restart %d of at most %d in %.0f s)",
            child.name,
            code,
            child.delay,
            len(child.restarts),
            self.max_restarts,
            self.window,
        )

    def stop(self, timeout: float = 15) -> None:
        self.stopping = True
        for child in self.children:
            if child.running():
                child.process.send_signal(child.stop_signal)
        deadline = time.monotonic() + timeout
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in time; killing it", child.name)
                child.process.kill()
                child.process.wait()

    def run(self) -> int:
        """Supervise until stopped (returns 0) or a child cannot be kept running (returns 1)."""

        def on_term(*_args) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, on_term)
        try:
            for child in self.children:
                child.start()
            while True:
                now = time.monotonic()
                for child in self.children:
                    if child.restart_at is not None:
                        if now >= child.restart_at:
                            child.start()
                    elif not child.running():
                        self._child_exited(child, now)
                time.sleep(0.2)
        except KeyboardInterrupt:
            logger.info("stopping")
            self.stop()
            return 0
        except GiveUp as error:
            logger.error("%s", error)
            self.stop()
            return 1
        finally:
            signal.signal(signal.SIGTERM, previous)
