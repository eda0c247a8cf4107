"""The live status line of a single run: what it is doing and for how long, so that a deploy
attempt of many minutes is not mistaken for a hung command. Progress lines still print as they come;
on a terminal a line below them shows the current phase and the seconds since it began."""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.text import Text


class StatusLine:
    """A progress callback: `status(line)` prints the line and makes it the current phase."""

    def __init__(self, console: Console | None = None, refresh_per_second: float = 2.0) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.phase = "starting"
        self.started = self.since = time.monotonic()
        self._live = Live(self, console=self.console, refresh_per_second=refresh_per_second, transient=True)

    def __rich__(self) -> Text:
        now = time.monotonic()
        return Text(f"remediate: {self.phase} · {now - self.since:.0f}s in this phase, {now - self.started:.0f}s in all", style="dim")

    def __call__(self, line: str) -> None:
        self.console.print(f"remediate: {line}", markup=False, highlight=False, soft_wrap=True)
        self.phase, self.since = line, time.monotonic()

    def __enter__(self) -> StatusLine:
        if self.console.is_terminal:
            self._live.start()
        return self

    def __exit__(self, *exc) -> None:
        self._live.stop()
