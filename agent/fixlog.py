"""The fix log: one JSON object per event, flushed as it happens so a killed run keeps its trail;
secrets are masked on the way in (agent.core.redaction)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, TextIO

from agent.core.redaction import redact


class FixLog:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO = path.open("a", encoding="utf-8")

    def event(self, event: str, **fields: Any) -> None:
        record = {"time": round(time.time(), 3), "event": event, **fields}
        self._file.write(json.dumps(redact(json.loads(json.dumps(record, default=str)))) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()
