"""OUT/junit.xml and OUT/results.sarif for a made-up batch: one testcase per case, and SARIF that
the SARIF 2.1.0 schema accepts, with a located result per fix and per remaining error."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from agent.nightly.ci_formats import write_ci_formats
from fixers import registry
from tests.nightly_batch import write_batch

# The official OASIS SARIF 2.1.0 schema (errata 01), oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def test_junit_has_one_testcase_per_case_with_the_remaining_error_as_failure(tmp_path):
    write_ci_formats(tmp_path, write_batch(tmp_path))
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "2", "1")
    by_name = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(by_name) == ["Pr100", "Pr200", "Pr300", "Pr400", "Pr500"]
    assert by_name["Pr100"].find("failure") is None and by_name["Pr200"].find("failure") is None
    failure = by_name["Pr300"].find("failure")
    assert failure.get("type") == "cloud" and "BucketAlreadyExists" in failure.get("message")
    assert by_name["Pr500"].find("error").get("message").startswith("BrokenProcessPool")
    assert by_name["Pr300"].get("time") == "9.25"


def test_sarif_validates_and_has_a_located_result_per_fix_and_remaining_error(tmp_path):
    write_ci_formats(tmp_path, write_batch(tmp_path))
    log = json.loads((tmp_path / "results.sarif").read_text())
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text())).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {fixer.id for fixer in registry()} <= {rule["id"] for rule in rules}
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["RM001", "RM009", "RM001", "error.cloud", "error.program", "error.crash"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] and result["locations"]
    located = results[3]["locations"][0]["physicalLocation"]
    assert located == {"artifactLocation": {"uri": "Pr300/project/lib/s3.py"}, "region": {"startLine": 7}}
    assert results[1]["level"] == "warning" and results[0]["level"] == "note" and results[3]["level"] == "error"
    assert results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "Pr400/report.md"


def test_the_schema_check_catches_a_broken_log(tmp_path):
    write_ci_formats(tmp_path, write_batch(tmp_path))
    log = json.loads((tmp_path / "results.sarif").read_text())
    log["runs"][0]["results"][0]["level"] = "fatal"
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text()))
    assert not validator.is_valid(log)
