"""The fixer registry: every module in this package defining a Fixer subclass is a fixer.

Metadata and the declared order are checked at import time, so a broken fixer fails loudly,
not at 3 a.m. The registry lists fixers in the order they are offered an error: each before the
codes it declares in `runs_before`, otherwise by code.
"""

from __future__ import annotations

import heapq
import importlib
import pkgutil
from functools import lru_cache

from agent.core.fixes import Fixer, Safety

_REQUIRED = ("id", "name", "title", "kinds", "safety")


def _fixer_classes(module) -> list[type[Fixer]]:
    return [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Fixer) and obj is not Fixer and obj.__module__ == module.__name__
    ]


@lru_cache(maxsize=1)
def registry() -> tuple[Fixer, ...]:
    found: dict[str, Fixer] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for cls in _fixer_classes(module):
            missing = [attr for attr in _REQUIRED if not getattr(cls, attr, None)]
            if missing:
                raise TypeError(f"fixer {cls.__qualname__} in {module.__name__} lacks {', '.join(missing)}")
            if not isinstance(cls.safety, Safety):
                raise TypeError(f"fixer {cls.id}: safety must be a Safety")
            if cls.id in found:
                raise TypeError(f"duplicate fixer id {cls.id}: {cls.__qualname__} and {type(found[cls.id]).__qualname__}")
            found[cls.id] = cls()
    return tuple(found[code] for code in _declared_order(found))


def _declared_order(found: dict[str, Fixer]) -> list[str]:
    """Codes sorted so each comes before those in its `runs_before`, ties by code (Kahn's algorithm)."""
    waits_for = {code: 0 for code in found}
    for code, fixer in found.items():
        unknown = fixer.runs_before - found.keys()
        if unknown:
            raise TypeError(f"fixer {code} runs before unknown fixer(s) {', '.join(sorted(unknown))}")
        for later in fixer.runs_before:
            waits_for[later] += 1
    ready = [code for code, count in waits_for.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        code = heapq.heappop(ready)
        order.append(code)
        for later in found[code].runs_before:
            waits_for[later] -= 1
            if waits_for[later] == 0:
                heapq.heappush(ready, later)
    if len(order) < len(found):
        raise TypeError(f"fixers {', '.join(sorted(found.keys() - set(order)))} declare a cycle in runs_before")
    return order
