"""The fixer catalog, read from the registry: `remediate fixers` prints it, and the README's fixer
table is generated from it, so neither can drift from the fixers themselves.

Regenerate the README's table with `python -m agent.catalog` (it rewrites the lines between
README_START and README_END in README.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from agent.core.fixes import Fixer
from fixers import registry

README = Path(__file__).resolve().parent.parent / "README.md"
README_START, README_END = "<!-- fixers:start -->", "<!-- fixers:end -->"
COLUMNS = ("code", "name", "safety", "kinds", "title")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    safety: str
    kinds: tuple[str, ...]
    title: str

    @classmethod
    def of(cls, fixer: Fixer) -> Entry:
        return cls(fixer.id, fixer.name, fixer.safety.value, tuple(sorted(kind.value for kind in fixer.kinds)), fixer.title)

    def cells(self) -> tuple[str, ...]:
        return (self.id, self.name, self.safety, ", ".join(self.kinds), self.title)


def entries(fixers: Sequence[Fixer] | None = None) -> list[Entry]:
    """One entry per fixer, by code (the registry's own order is the order fixers are offered an error)."""
    return sorted((Entry.of(fixer) for fixer in (registry() if fixers is None else fixers)), key=lambda entry: entry.id)


def as_text(listed: Sequence[Entry]) -> str:
    rows = [COLUMNS, *(entry.cells() for entry in listed)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return "".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]) + "\n" for row in rows)


def as_json(listed: Sequence[Entry]) -> str:
    return json.dumps([asdict(entry) for entry in listed], indent=2) + "\n"


def as_markdown(listed: Sequence[Entry]) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |\n"

    return row(COLUMNS) + row(["---"] * len(COLUMNS)) + "".join(row(entry.cells()) for entry in listed)


def readme_table(readme: str) -> str:
    """The text between the README's fixer-table markers."""
    start, end = _marked(readme)
    return readme[start:end]


def with_table(readme: str, table: str) -> str:
    """The README with `table` between its fixer-table markers."""
    start, end = _marked(readme)
    return readme[:start] + table + readme[end:]


def _marked(readme: str) -> tuple[int, int]:
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"README has no {README_START} ... {README_END} block")
    return start + len(README_START) + 1, end  # the table starts on the line after the start marker


def main() -> int:
    README.write_text(with_table(README.read_text(), as_markdown(entries())))
    print(f"{README}: fixer table regenerated ({len(entries())} fixers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
