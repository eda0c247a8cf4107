"""Batch history in SQLite, one row per night: its cases, the fixes applied and the errors left.

`remediate history` reads it back: per night the fix rate, attempts and durations; the error kinds
rising from the night before; and the errors no fixer settled, grouped by a fingerprint that
ignores what changes between nights (numbers, ids, names, quoted values) and ranked by how many
nights they came back, which says where the next fixer should come from.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sqlite3
import statistics
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.arguments import UsageError
from agent.core.workspaces import workspaces_dir
from agent.nightly.batch_out import case_summary

SCHEMA = """
CREATE TABLE IF NOT EXISTS nights (id INTEGER PRIMARY KEY, started TEXT NOT NULL, out TEXT NOT NULL, duration_s REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    night INTEGER NOT NULL REFERENCES nights(id), name TEXT NOT NULL, status TEXT, attempts INTEGER,
    duration_s REAL, fixes INTEGER, unsafe INTEGER
);
CREATE TABLE IF NOT EXISTS fixes (night INTEGER NOT NULL REFERENCES nights(id), name TEXT NOT NULL, fixer TEXT NOT NULL, safety TEXT);
CREATE TABLE IF NOT EXISTS errors (
    night INTEGER NOT NULL REFERENCES nights(id), name TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL,
    fingerprint TEXT NOT NULL, pattern TEXT NOT NULL
);
"""
CRASH = "crash"

# What differs between two occurrences of one error, in the order it is replaced.
NORMALIZERS = (
    (re.compile(r"arn:aws[\w-]*:[^\s'\"),]+"), "<arn>"),
    (re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`"), "<str>"),
    (re.compile(r"\(([^()\s]+)\)"), "(<name>)"),  # creating S3 Bucket (logs-abc123)
    (re.compile(r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b", re.I), "<id>"),
    # a made-up name or id: letters and digits with a separator (i-0abc12, logs-0abc) or 3+ digits (Pr1234), not S3 or EC2
    (re.compile(r"\b(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])(?:[\w.]+-[\w.-]+|\w+_\w+|[A-Za-z]+\d{3,}\w*)\b"), "<name>"),
    (re.compile(r"\b\d+(?:\.\d+)?\b"), "<n>"),
)


def default_db() -> Path:
    return workspaces_dir() / "history.db"


def pattern(message: str) -> str:
    """The error's text with its particulars replaced, so one failure reads the same every night."""
    text = message.strip().splitlines()[0] if message.strip() else ""
    for regex, placeholder in NORMALIZERS:
        text = regex.sub(placeholder, text)
    return re.sub(r"\s+", " ", text)


def fingerprint(kind: str, message: str) -> str:
    return hashlib.sha1(f"{kind}|{pattern(message)}".encode()).hexdigest()[:12]


def connect(db: Path) -> sqlite3.Connection:
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db)
    connection.executescript(SCHEMA)
    return connection


def record_batch(db: Path, data: dict[str, Any], out: Path, started: datetime | None = None) -> int:
    """Store one batch (OUT/summary.json's data, the case summaries under OUT) as a night; its id."""
    with closing(connect(db)) as connection, connection:
        night = connection.execute(
            "INSERT INTO nights (started, out, duration_s) VALUES (?, ?, ?)",
            ((started or datetime.now(UTC)).isoformat(timespec="seconds"), str(out), data.get("duration_s", 0.0)),
        ).lastrowid
        for entry in data["cases"]:
            fixes = case_summary(out, entry["case"]).get("fixes", [])
            safety = [fix.get("safety") for fix in fixes] or [None] * len(entry["fixes"])
            connection.execute(
                "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    night,
                    entry["case"],
                    entry["status"],
                    entry["attempts"],
                    entry["duration_s"],
                    len(entry["fixes"]),
                    safety.count("unsafe"),
                ),
            )
            connection.executemany(
                "INSERT INTO fixes VALUES (?, ?, ?, ?)", [(night, entry["case"], fixer, s) for fixer, s in zip(entry["fixes"], safety)]
            )
            remaining = entry.get("remaining_error")
            kind, message = (remaining["kind"], remaining["message"]) if remaining else (CRASH, entry.get("error") or "")
            if remaining or entry["status"] == "error":
                connection.execute(
                    "INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                    (night, entry["case"], kind, message, fingerprint(kind, message), pattern(message)),
                )
    return night


# ---- reading it back ---------------------------------------------------------------------
@dataclass(frozen=True)
class Night:
    id: int
    started: str
    cases: int
    statuses: dict[str, int]
    attempts_mean: float
    duration_median: float
    duration_p95: float
    wall_s: float

    @property
    def fix_rate(self) -> float:
        """Fixed among the cases that did not deploy as written (clean ones needed nothing)."""
        needing = self.cases - self.statuses.get("clean", 0)
        return self.statuses.get("fixed", 0) / needing if needing else 1.0


@dataclass(frozen=True)
class Recurring:
    fingerprint: str
    kind: str
    pattern: str
    example: str
    nights: int
    occurrences: int
    cases: int


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))] if ordered else 0.0


def nights(connection: sqlite3.Connection) -> list[Night]:
    found = []
    for night, started, wall in connection.execute("SELECT id, started, duration_s FROM nights ORDER BY id"):
        rows = connection.execute("SELECT status, attempts, duration_s FROM cases WHERE night = ?", (night,)).fetchall()
        statuses: dict[str, int] = {}
        for status, _, _ in rows:
            statuses[status] = statuses.get(status, 0) + 1
        durations = [row[2] for row in rows]
        found.append(
            Night(
                night,
                started,
                len(rows),
                statuses,
                statistics.fmean(row[1] for row in rows) if rows else 0.0,
                statistics.median(durations) if durations else 0.0,
                p95(durations),
                wall,
            )
        )
    return found


def kinds_by_night(connection: sqlite3.Connection) -> dict[int, dict[str, int]]:
    counted: dict[int, dict[str, int]] = {}
    for night, kind, n in connection.execute("SELECT night, kind, COUNT(*) FROM errors GROUP BY night, kind"):
        counted.setdefault(night, {})[kind] = n
    return counted


def rising_kinds(connection: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """(kind, the night before, the last night) for each error kind the last night has more of."""
    ids = [row[0] for row in connection.execute("SELECT id FROM nights ORDER BY id DESC LIMIT 2")]
    if not ids:
        return []
    counted = kinds_by_night(connection)
    last, before = counted.get(ids[0], {}), counted.get(ids[1], {}) if len(ids) > 1 else {}
    rising = [(kind, before.get(kind, 0), n) for kind, n in last.items() if n > before.get(kind, 0)]
    return sorted(rising, key=lambda row: (row[1] - row[2], row[0]))


def recurring_errors(connection: sqlite3.Connection, limit: int = 20) -> list[Recurring]:
    """The errors no fixer settled, by fingerprint, the most persistent first: the nights they came
    back in, then how often, then how many cases they hit."""
    rows = connection.execute(
        """SELECT fingerprint, kind, pattern, MAX(message), COUNT(DISTINCT night) AS nights, COUNT(*) AS n, COUNT(DISTINCT name)
           FROM errors GROUP BY fingerprint ORDER BY nights DESC, n DESC, fingerprint LIMIT ?""",
        (limit,),
    )
    return [Recurring(*row) for row in rows]


def report(db: Path, limit: int = 20) -> str:
    with closing(connect(db)) as connection:
        listed, rising, recurring = nights(connection), rising_kinds(connection), recurring_errors(connection, limit)
    if not listed:
        return f"{db}: no batch recorded yet\n"
    lines = ["Nights", f"{'#':>4}  {'started':<25} {'cases':>5} {'fixed':>5} {'clean':>5} {'failed':>6} {'error':>5} "
             f"{'fix rate':>8} {'attempts':>8} {'median s':>8} {'p95 s':>7} {'wall s':>7}"]  # fmt: skip
    for n in listed:
        s = n.statuses
        lines.append(
            f"{n.id:>4}  {n.started:<25} {n.cases:>5} {s.get('fixed', 0):>5} {s.get('clean', 0):>5} {s.get('failed', 0):>6} "
            f"{s.get('error', 0):>5} {n.fix_rate:>8.0%} {n.attempts_mean:>8.2f} {n.duration_median:>8.2f} {n.duration_p95:>7.2f} {n.wall_s:>7.1f}"
        )
    lines += ["", "Rising error kinds (last night against the one before)"]
    lines += [f"  {kind:<20} {before:>3} -> {last:<3}" for kind, before, last in rising] or ["  none"]
    lines += ["", "Unmatched errors by recurrence (nights, occurrences, cases): write the next fixer for the top ones"]
    for r in recurring:
        lines.append(f"  {r.nights:>3} {r.occurrences:>4} {r.cases:>4}  [{r.kind}] {r.pattern}  ({r.fingerprint})")
        lines.append(f"               e.g. {r.example}")
    if not recurring:
        lines.append("  none")
    return "\n".join(lines) + "\n"


def history_command(argv: Sequence[str]) -> int:
    """Per night: fix rate, attempts, durations; rising error kinds; unmatched errors by recurrence."""
    parser = argparse.ArgumentParser(prog="remediate history", description=history_command.__doc__)
    parser.add_argument("--db", type=Path, default=None, help="the history database (default: WORKSPACES/history.db)")
    parser.add_argument("--top", type=int, default=20, help="how many unmatched errors to list")
    args = parser.parse_args(argv)
    db = args.db or default_db()
    if not db.is_file():
        raise UsageError(f"--db {db}: no history there yet (each batch records one; --db PATH names another)")
    print(report(db, args.top), end="")
    return 0
