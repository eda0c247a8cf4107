"""A stand-in for the `pulumi` CLI *process*, for tests that need real processes, signals and lock files.

It answers the commands the Automation API sends, keeps each stack as a JSON file under
$FAKE_PULUMI_HOME, and takes a diy-backend-style lock (a JSON file holding its pid and host,
as pkg/backend/diy/lock.go writes it) for the length of preview/up/destroy. $FAKE_PULUMI_UP says how
`up` behaves: "ok", "hang" (until SIGINT, then a graceful cancel that drops the lock) or "stubborn"
(ignores SIGINT, so only SIGKILL ends it and its lock stays). Every invocation is appended to
$FAKE_PULUMI_HOME/calls.jsonl with whether a lock of a live process existed at that moment.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

HOME = Path(os.environ["FAKE_PULUMI_HOME"])
LOCKS = HOME / "locks"


def log(**fields) -> None:
    with (HOME / "calls.jsonl").open("a") as handle:
        handle.write(json.dumps({"pid": os.getpid(), "time": time.time(), **fields}) + "\n")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def live_locks() -> list[dict]:
    locks = [json.loads(path.read_text()) for path in LOCKS.glob("*.json")]
    return [lock for lock in locks if lock["hostname"] == socket.gethostname() and alive(lock["pid"])]


def option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def stack_file(name: str) -> Path:
    return HOME / "stacks" / f"{name}.json"


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(255)


def take_lock(stack: str) -> Path:
    held = list(LOCKS.glob("*.json"))
    if held:
        lock = json.loads(held[0].read_text())
        fail(
            f"error: the stack is currently locked by {len(held)} lock(s). Either wait for the other process(es) to end "
            f"or delete the lock file with `pulumi cancel`.\n  file://{held[0]}: created by tester@{lock['hostname']} "
            f"(pid {lock['pid']}) at {lock['timestamp']}"
        )
    LOCKS.mkdir(parents=True, exist_ok=True)
    path = LOCKS / f"{os.getpid()}.json"
    stamp = datetime.datetime.now(datetime.UTC).isoformat()
    path.write_text(json.dumps({"pid": os.getpid(), "username": "tester", "hostname": socket.gethostname(), "timestamp": stamp}))
    return path


def write_events(path: str | None, events: list[dict]) -> None:
    if path:
        with open(path, "a") as handle:
            for sequence, event in enumerate(events, 1):
                handle.write(json.dumps({"sequence": sequence, "timestamp": int(time.time()), **event}) + "\n")


SUMMARY = {"summaryEvent": {"maybeCorrupt": False, "durationSeconds": 0, "resourceChanges": {}, "PolicyPacks": {}}}


def operation(command: str, args: list[str], stack: str) -> None:
    lock = take_lock(stack)
    mode = os.environ.get("FAKE_PULUMI_UP", "ok") if command == "up" else "ok"
    if command == "destroy" and os.environ.get("FAKE_PULUMI_DESTROY_S"):
        time.sleep(float(os.environ["FAKE_PULUMI_DESTROY_S"]))
    if mode == "hang":

        def graceful(signum, frame):
            log(command=command, event="sigint")
            time.sleep(0.3)  # the CLI finishes its in-flight step and writes the checkpoint
            lock.unlink()
            write_events(option(args, "--event-log"), [SUMMARY, {"cancelEvent": {}}])
            fail("error: update canceled")

        signal.signal(signal.SIGINT, graceful)
    elif mode == "stubborn":
        signal.signal(signal.SIGINT, lambda signum, frame: log(command=command, event="sigint ignored"))
    if mode in ("hang", "stubborn"):
        log(command=command, event="running")
        while True:
            time.sleep(0.05)
    write_events(option(args, "--event-log"), [SUMMARY, {"cancelEvent": {}}])
    lock.unlink()


def main(args: list[str]) -> None:
    args = [arg for arg in args if arg != "--non-interactive"]
    stack = option(args, "--stack") or (args[-1] if args else "")
    log(argv=args, live_lock=bool(live_locks()), env={k: v for k, v in os.environ.items() if k.startswith("AWS_")})
    if args[:1] == ["version"]:
        print(os.environ.get("FAKE_PULUMI_VERSION", "v3.180.0"))
    elif args[:2] == ["stack", "select"]:
        if not stack_file(stack).exists():
            fail(f"error: no stack named '{stack}' found")
    elif args[:2] == ["stack", "init"]:
        stack_file(args[2]).parent.mkdir(parents=True, exist_ok=True)
        stack_file(args[2]).write_text(json.dumps({"resources": []}))
    elif args[:2] == ["stack", "rm"]:
        stack_file(stack).unlink()
    elif args[:2] == ["stack", "export"]:
        print(json.dumps({"version": 3, "deployment": json.loads(stack_file(stack).read_text())}))
    elif args[:2] == ["stack", "output"]:
        print("{}")
    elif args[:2] == ["stack", "history"]:
        print(
            json.dumps(
                [
                    {
                        "kind": "update",
                        "startTime": "2026-01-01T00:00:00.000Z",
                        "endTime": "2026-01-01T00:00:01.000Z",
                        "message": "",
                        "environment": {},
                        "config": {},
                        "result": "succeeded",
                    }
                ]
            )
        )
    elif args[:1] == ["cancel"]:
        for path in LOCKS.glob("*.json"):
            path.unlink()
    elif args[:1] in (["preview"], ["up"], ["destroy"]):
        operation(args[0], args, stack)
    # anything else (config set-all, stack import, ...) succeeds quietly


if __name__ == "__main__":
    main(sys.argv[1:])
