"""Secrets out of everything a run writes: fix log, report.md, summary.json, and what reports built
from them render. A value is masked when the run knows it is secret (a generated test secret, a
stack passphrase, a secret-named --config or --env value) or when it is shaped like an AWS access
key id or secret access key, wherever it came from (a provider echoing a request, a traceback).

Known values are kept for the life of the process: a batch of runs masks every run's secrets.
"""

from __future__ import annotations

import re
import threading
from typing import Any

MASK = "***"
MIN_LENGTH = 6  # shorter values ("dev", "1") are everywhere in a report and protect nothing
# Access key ids: AKIA (long-term) and ASIA (temporary), 20 upper-case letters and digits
# (IAM User Guide, "Understanding unique ID prefixes").
ACCESS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
# Secret access keys: 40 base64 characters. A lower-case hex digest (a git sha) is also 40 long, so a
# match needs an upper-case letter, a lower-case letter and a digit. It may follow "=" or "/" ("key=<secret>", "<id>/<secret>").
SECRET_ACCESS_KEY = re.compile(
    r"(?<![A-Za-z0-9+])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
)

_known: set[str] = set()
_lock = threading.Lock()


def remember(value: str) -> str:
    """Mask `value` from now on; returns it, so a secret can be remembered where it is made."""
    if isinstance(value, str) and len(value) >= MIN_LENGTH:
        with _lock:
            _known.add(value)
    return value


def redact_text(text: str) -> str:
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # a longer secret first, should one contain another
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    return SECRET_ACCESS_KEY.sub(MASK, ACCESS_KEY_ID.sub(MASK, text))


def redact(value: Any) -> Any:
    """`value` with every string in it (dict keys and values, list items) redacted."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {redact(key): redact(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact(item) for item in value)
    return value
