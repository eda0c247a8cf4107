"""The history database: two recorded nights, read back as `remediate history` prints them."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime

from agent.cli import main
from agent.nightly.history import connect, fingerprint, pattern, record_batch, recurring_errors, rising_kinds
from tests.nightly_batch import night, write_batch


def test_pattern_ignores_numbers_ids_names_and_quoted_values():
    one = "creating S3 Bucket (logs-0abc): BucketAlreadyExists: 'logs-0abc' RequestID: 1f2e3d4c-1111-2222-3333-444455556666, 12 tries"
    two = "creating S3 Bucket (tap-prod): BucketAlreadyExists: 'tap-prod' RequestID: 9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff, 3 tries"
    assert pattern(one) == pattern(two) == "creating S3 Bucket (<name>): BucketAlreadyExists: <str> RequestID: <id>, <n> tries"
    assert fingerprint("cloud", one) == fingerprint("cloud", two) != fingerprint("program", one)
    assert pattern("KeyError: 'vpc_id'") != pattern("TypeError: unhashable type")


def test_two_nights_rank_the_recurring_unmatched_errors_first(tmp_path):
    db = tmp_path / "history.db"
    first = write_batch(tmp_path / "night1", night(1))
    record_batch(db, first, tmp_path / "night1", datetime(2026, 1, 1, tzinfo=UTC))
    second_cases = night(2)[:3]  # Pr400 and Pr500 are gone; a new program error appears twice
    for n, name in enumerate(("Pr600", "Pr700")):
        extra = dict(night()[3], case=name)
        extra["remaining_error"] = {
            "kind": "program",
            "message": f"AttributeError: 'Output' has no attribute 'x{n}'",
            "file": None,
            "line": None,
        }
        second_cases.append(extra)
    second = write_batch(tmp_path / "night2", second_cases)
    record_batch(db, second, tmp_path / "night2", datetime(2026, 1, 2, tzinfo=UTC))

    with closing(connect(db)) as connection:
        ranked = recurring_errors(connection)
        rising = rising_kinds(connection)
    # the bucket name changed between nights, the fingerprint did not: two nights, ranked first
    assert (ranked[0].kind, ranked[0].nights, ranked[0].occurrences) == ("cloud", 2, 2)
    # the new error hit two cases in one night: one fingerprint, second
    assert (ranked[1].kind, ranked[1].nights, ranked[1].occurrences, ranked[1].cases) == ("program", 1, 2, 2)
    assert {r.kind for r in ranked[2:]} == {"program", "crash"} and all(r.nights == 1 for r in ranked[2:])
    assert rising == [("program", 1, 2)]


def test_history_command_prints_nights_and_the_ranking(tmp_path, capsys):
    db = tmp_path / "h.db"
    for n in (1, 2):
        record_batch(db, write_batch(tmp_path / f"n{n}", night(n)), tmp_path / f"n{n}")
    assert main(["history", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    rows = [line.split() for line in text.split("Rising")[0].splitlines()[2:] if line.strip()]
    assert [row[0] for row in rows] == ["1", "2"]
    assert rows[0][2:8] == ["5", "1", "1", "2", "1", "25%"]  # 1 fixed of the 4 that did not deploy as written
    assert rows[0][8:11] == ["1.40", "3.00", "9.25"]  # mean attempts, median and p95 seconds per case
    assert "[cloud] creating S3 Bucket (<name>): BucketAlreadyExists" in text
    assert main(["history", "--db", str(tmp_path / "none.db")]) == 2
