"""A batch in the formats CI systems read: OUT/junit.xml (one testcase per case) and
OUT/results.sarif (SARIF 2.1.0: each applied fix and each remaining error is a result; the rules
are the fixer registry's, plus one per error kind for errors no fixer settled). Every result is of
kind "fail" (the default: SARIF allows a level other than "none" only there): the model's code broke
the rule; its level says what became of it: note (a safe fix applied), warning (an unsafe fix to
review), error (still failing)."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from agent.catalog import entries
from agent.core.errors import ErrorKind
from agent.nightly.batch_out import case_summary, remaining_text
from agent.nightly.isolation import TIMEOUT
from fixers import registry

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
CRASH = "crash"  # the rule of a case whose run raised instead of ending (status "error")


# ---- JUnit -------------------------------------------------------------------------------
def junit_xml(data: dict[str, Any]) -> str:
    cases = data["cases"]
    failed = [e for e in cases if e["status"] == "failed"]
    crashed = [e for e in cases if e["status"] == "error"]
    suites = ET.Element("testsuites")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="remediate batch",
        tests=str(len(cases)),
        failures=str(len(failed)),
        errors=str(len(crashed)),
        skipped="0",
        time=f"{data.get('duration_s', 0):.2f}",
    )
    for entry in cases:
        case = ET.SubElement(suite, "testcase", classname="remediate", name=entry["case"], time=f"{entry.get('duration_s', 0):.2f}")
        message = remaining_text(entry)
        if entry["status"] == "failed":
            kind = (entry.get("remaining_error") or {}).get("kind", "failed")
            ET.SubElement(case, "failure", message=message, type=kind).text = message
        elif entry["status"] == "error":
            ET.SubElement(case, "error", message=message, type=CRASH).text = message
        if entry.get("fixes"):
            ET.SubElement(case, "system-out").text = f"status {entry['status']}; fixes: {', '.join(entry['fixes'])}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# ---- SARIF -------------------------------------------------------------------------------
def _message(text: str) -> dict[str, str]:
    return {"text": text or "(no message)"}


def fixer_rules() -> list[dict[str, Any]]:
    fixers = {fixer.id: fixer for fixer in registry()}
    rules = []
    for entry in entries():
        fixer = fixers[entry.id]
        doc = (sys.modules[type(fixer).__module__].__doc__ or "").strip()
        rule: dict[str, Any] = {
            "id": entry.id,
            "name": entry.name,
            "shortDescription": _message(entry.title),
            "fullDescription": _message(doc.split("\n\n")[0] if doc else entry.title),
            "defaultConfiguration": {"level": "warning" if entry.safety == "unsafe" else "note"},
            "properties": {"safety": entry.safety, "kinds": list(entry.kinds), "tags": ["fixer", entry.safety]},
        }
        if fixer.docs:
            rule["helpUri"] = fixer.docs
        rules.append(rule)
    return rules


def error_rules(seen: list[str]) -> list[dict[str, Any]]:
    """A rule per error kind: the classifier's, a crash, a case timeout, and any other kind the batch saw."""
    kinds = list(dict.fromkeys([kind.value for kind in ErrorKind] + [CRASH, TIMEOUT] + seen))
    return [
        {
            "id": f"error.{kind}",
            "name": f"error.{kind}",
            "shortDescription": _message(f"A deploy error of kind {kind} that no fixer settled" if kind != CRASH else "The run crashed"),
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["remaining-error"]},
        }
        for kind in kinds
    ]


def _location(case: str, file: str | None, line: int | None) -> dict[str, Any]:
    """Where a result is: the file in the case's fixed project, else the case's report."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": f"{case}/project/{file}" if file else f"{case}/report.md"}}
    if file and line:
        physical["region"] = {"startLine": int(line)}
    return {"physicalLocation": physical}


def sarif(data: dict[str, Any], out: Path) -> dict[str, Any]:
    rules = fixer_rules() + error_rules([e["remaining_error"]["kind"] for e in data["cases"] if e.get("remaining_error")])
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for entry in data["cases"]:
        case = entry["case"]
        for fix in case_summary(out, case).get("fixes", []):
            results.append(
                {
                    "ruleId": fix["fixer"],
                    "ruleIndex": index[fix["fixer"]],
                    "level": "warning" if fix.get("safety") == "unsafe" else "note",
                    "message": _message(f"{case}: fixed ({fix.get('safety')}): {fix.get('change')} — the error was: {fix.get('error')}"),
                    "locations": [_location(case, fix.get("file"), fix.get("line"))],
                    "properties": {"case": case, "safety": fix.get("safety"), "fixed": True},
                }
            )
        remaining = entry.get("remaining_error")
        if remaining or entry["status"] == "error":
            rule = f"error.{remaining['kind']}" if remaining else f"error.{CRASH}"
            results.append(
                {
                    "ruleId": rule,
                    "ruleIndex": index[rule],
                    "level": "error",
                    "message": _message(f"{case}: {remaining_text(entry)}"),
                    "locations": [_location(case, (remaining or {}).get("file"), (remaining or {}).get("line"))],
                    "properties": {"case": case, "status": entry["status"], "fixed": False},
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "remediate", "rules": rules}},
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def write_ci_formats(out: Path, data: dict[str, Any]) -> None:
    (out / "junit.xml").write_text(junit_xml(data))
    (out / "results.sarif").write_text(json.dumps(sarif(data, out), indent=2) + "\n")
