"""The live status line: progress lines print as they come, and on a terminal a line below them
names the current phase and the seconds spent in it."""

import io
import time

from rich.console import Console

from agent.status_line import StatusLine


def _terminal() -> tuple[Console, io.StringIO]:
    sink = io.StringIO()
    return Console(file=sink, force_terminal=True, width=200, color_system=None), sink


def test_the_status_line_names_the_phase_and_its_elapsed_seconds():
    console, sink = _terminal()
    with StatusLine(console, refresh_per_second=20) as status:
        status("[local] attempt 1: preview and up running")
        time.sleep(0.3)
        assert "attempt 1: preview and up running · 0s in this phase" in sink.getvalue()
    text = sink.getvalue()
    assert "remediate: [local] attempt 1: preview and up running\n" in text


def test_a_new_line_restarts_the_phase_clock():
    console, _ = _terminal()
    status = StatusLine(console)
    status("attempt 1: preview and up running")
    status.since -= 90
    assert "90s in this phase" in str(status.__rich__())
    status("attempt 2: preview and up running")
    assert str(status.__rich__()).startswith("remediate: attempt 2: preview and up running · 0s in this phase")


def test_off_a_terminal_only_the_progress_lines_print():
    sink = io.StringIO()
    with StatusLine(Console(file=sink, force_terminal=False)) as status:
        status("attempt 1: preview clean")
    assert sink.getvalue() == "remediate: attempt 1: preview clean\n"


def test_a_long_line_is_not_wrapped():
    sink = io.StringIO()
    line = "attempt 1: preview failed with 1 error(s); " + "x" * 300
    StatusLine(Console(file=sink, force_terminal=False, width=80))(line)
    assert sink.getvalue() == f"remediate: {line}\n"
