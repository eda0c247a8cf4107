"""The fixer registry: every module in this package defining a Fixer subclass is a fixer.

Metadata is checked at import time so a broken fixer fails loudly, not at 3 a.m.
"""

from __future__ import annotations

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
    return tuple(found.values())
