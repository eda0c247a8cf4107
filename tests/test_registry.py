"""The registry: its declared order (each fixer before the codes it names in `runs_before`) and each fixer's docs."""

import sys

import pytest

from agent.core.fixes import Fixer
from fixers import _declared_order, registry


def _fixer(code: str, before: set[str] = frozenset()) -> Fixer:
    return type(f"F{code}", (Fixer,), {"id": code, "runs_before": frozenset(before)})()


def test_the_registry_offers_each_fixer_before_those_it_names():
    order = [fixer.id for fixer in registry()]
    for position, fixer in enumerate(registry()):
        for later in fixer.runs_before:
            assert order.index(later) > position, f"{fixer.id} must come before {later}"


def test_ties_go_by_code_and_declarations_win_over_codes():
    found = {code: _fixer(code) for code in ("RM003", "RM001", "RM002")}
    assert _declared_order(found) == ["RM001", "RM002", "RM003"]
    found["RM003"] = _fixer("RM003", {"RM001"})
    assert _declared_order(found) == ["RM002", "RM003", "RM001"]


def test_a_cycle_is_refused_naming_its_fixers():
    found = {"RM001": _fixer("RM001", {"RM002"}), "RM002": _fixer("RM002", {"RM001"}), "RM003": _fixer("RM003")}
    with pytest.raises(TypeError, match="RM001, RM002 declare a cycle"):
        _declared_order(found)


def test_an_unknown_code_is_refused():
    with pytest.raises(TypeError, match="RM001 runs before unknown fixer"):
        _declared_order({"RM001": _fixer("RM001", {"RM999"})})


@pytest.mark.parametrize("fixer", registry(), ids=lambda fixer: fixer.id)
def test_each_fixer_documents_itself_in_one_shape(fixer):
    """What it fixes on the first line under its code, an example before and after, and its safety."""
    doc = sys.modules[type(fixer).__module__].__doc__ or ""
    assert doc.startswith(f"{fixer.id}: "), f"{type(fixer).__module__}'s docstring starts with '{fixer.id}: '"
    for section in ("\nBefore:\n", "\nAfter:\n", "\nSafety: "):
        assert section in doc, f"{type(fixer).__module__}'s docstring lacks {section.strip()!r}"
    assert doc.index("\nBefore:\n") < doc.index("\nAfter:\n") < doc.index("\nSafety: ")
    assert doc.split("\nSafety: ", 1)[1].startswith(("safe", "unsafe")), "Safety: says safe or unsafe first"
