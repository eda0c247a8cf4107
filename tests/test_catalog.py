"""The fixer catalog: `remediate fixers` and the README's table both come from the registry."""

import json
from typing import ClassVar

import pytest

from agent import catalog
from agent.cli import main
from agent.core.errors import ErrorKind
from agent.core.fixes import Fixer, Safety
from fixers import registry


class Renames(Fixer):
    id: ClassVar[str] = "RM900"
    name: ClassVar[str] = "test.renames"
    title: ClassVar[str] = "Rename a thing"
    kinds: ClassVar[frozenset] = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE, ErrorKind.UNKNOWN_ARGUMENT})
    safety: ClassVar[Safety] = Safety.SAFE


class Guesses(Fixer):
    id: ClassVar[str] = "RM042"
    name: ClassVar[str] = "test.guesses-a-long-name"
    title: ClassVar[str] = "Guess a value | or two"
    kinds: ClassVar[frozenset] = frozenset({ErrorKind.PROGRAM})
    safety: ClassVar[Safety] = Safety.UNSAFE


def test_the_readme_table_is_the_one_the_registry_generates():
    readme = catalog.README.read_text()
    assert catalog.readme_table(readme) == catalog.as_markdown(catalog.entries()), (
        "README.md's fixer table is stale: run `.venv/bin/python -m agent.catalog`"
    )


def test_fixers_json_lists_every_registered_fixer(capsys):
    assert main(["fixers", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["id"] for entry in listed] == sorted(fixer.id for fixer in registry())
    assert set(listed[0]) == {"id", "name", "safety", "kinds", "title"}


def test_fixers_prints_one_line_per_fixer(capsys):
    assert main(["fixers"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "safety", "kinds", "title"]
    assert len(lines) == 1 + len(registry())


def test_the_text_table_lists_by_code_in_aligned_columns():
    text = catalog.as_text(catalog.entries([Renames(), Guesses()]))
    assert text == (
        "code   name                      safety  kinds                                title\n"
        "RM042  test.guesses-a-long-name  unsafe  program                              Guess a value | or two\n"
        "RM900  test.renames              safe    unknown_argument, unknown_attribute  Rename a thing\n"
    )


def test_the_markdown_table_escapes_pipes_in_cells():
    table = catalog.as_markdown(catalog.entries([Guesses()]))
    assert table.splitlines()[-1] == "| RM042 | test.guesses-a-long-name | unsafe | program | Guess a value \\| or two |"


def test_regenerating_replaces_only_the_marked_block():
    readme = f"# Tool\n\nBefore.\n\n{catalog.README_START}\n| old |\n{catalog.README_END}\n\nAfter.\n"
    table = catalog.as_markdown(catalog.entries([Renames()]))
    regenerated = catalog.with_table(readme, table)
    assert regenerated == readme.replace("| old |\n", table)
    assert catalog.with_table(regenerated, table) == regenerated


def test_a_readme_without_markers_is_refused():
    with pytest.raises(ValueError, match="fixers:start"):
        catalog.readme_table("# Tool\n")
