"""MODEL_FAILURES.md and IDEAL_RESPONSE.md rendered for a made-up run: their structure, not their wording."""

from __future__ import annotations

import re

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, Safety
from agent.loop import AppliedFix, Outcome, Status
from agent.nightly.documents import ideal_text, render_failures, render_ideal
from fixers import registry

BEFORE = 'import pulumi_aws as aws\n\nbucket = aws.s3.Bucket("b",\n    acl="private",\n    versioning=True,\n)\n'
AFTER = 'import pulumi_aws as aws\n\nbucket = aws.s3.Bucket("b",\n    acl="private",\n)\n'
RESPONSE = (
    "Here is the stack.\n\n## File: lib/tap_stack.py\n\n```python\n"
    + BEFORE
    + "```\n\nDeploy it with:\n\n```bash\npulumi up\n```\n\nThat is all.\n"
)


def _outcome(remaining: DeployError | None = None) -> Outcome:
    fixer = next(f for f in registry() if f.docs)
    error = DeployError(
        ErrorKind.UNKNOWN_ARGUMENT, "Bucket got an unexpected keyword argument 'versioning'", file="lib/tap_stack.py", line=5
    )
    fix = Fix((Edit("lib/tap_stack.py", BEFORE, AFTER),), "dropped versioning=", "Bucket takes no versioning in v7.", Safety.UNSAFE)
    added = Fix((Edit("lib/extra.py", None, "X = 1\n"),), "added lib/extra.py", "The stack imports it.", Safety.SAFE)
    return Outcome(
        status=Status.FAILED if remaining else Status.FIXED,
        attempts=3,
        reason="no fixer matched the error" if remaining else "deployed",
        stack="TapStackdev-x",
        fixes=(AppliedFix(fixer, error, fix, 1), AppliedFix(fixer, error, added, 2)),
        remaining_error=remaining,
        declined=(("RM001", "not an argument it knows"),) if remaining else (),
    )


def test_model_failures_has_a_summary_then_one_section_per_fix_with_code_error_cause_and_safety():
    remaining = DeployError(
        ErrorKind.CLOUD, "creating S3 Bucket: AccessDenied", raw="full text\nAccessDenied", file="lib/tap_stack.py", line=3
    )
    text = render_failures(_outcome(remaining), project="Pr0", engine="local")
    headings = re.findall(r"^## (.*)$", text, re.MULTILINE)
    assert headings[0] == "Summary of issues by category"
    assert re.match(r"1\. ", headings[1]) and re.match(r"2\. ", headings[2])
    assert headings[3] == "Remaining failure: Cloud" and headings[-1] == "Summary"
    assert "| Unknown argument | 2 | 0 |" in text and "| Cloud | 0 | 1 |" in text
    first = text.split("## 1. ")[1].split("## 2. ")[0]
    assert "```python\n" in first and "    versioning=True," in first  # the incorrect code
    corrected = first.split("**Corrected code:**")[1]
    assert "versioning" not in corrected.split("**Impact:**")[0] and 'acl="private"' in corrected  # the corrected code
    assert "unexpected keyword argument 'versioning'" in first and "Bucket takes no versioning in v7." in first
    assert "**Safety:** unsafe" in first and "**Documentation:** https://" in first
    assert "The response has no such file." in text.split("## 2. ")[1]  # a file the fix added
    assert "full text\nAccessDenied" in text and "- RM001: not an argument it knows" in text
    assert "left for a person to fix" in text


def test_model_failures_of_a_clean_run_says_so():
    clean = Outcome(status=Status.CLEAN, attempts=1, reason="deployed", stack="s")
    text = render_failures(clean, project="Pr0", engine="local")
    assert "no failure was found" in text and "## 1." not in text and "The fixed project deploys." in text


def test_ideal_response_keeps_the_prose_replaces_the_block_and_appends_added_files(tmp_path):
    original, fixed = tmp_path / "input-project", tmp_path / "project"
    for root, stack in ((original, BEFORE), (fixed, AFTER)):
        (root / "lib").mkdir(parents=True)
        (root / "lib/tap_stack.py").write_text(stack)
        (root / "Pulumi.yaml").write_text("name: x\n")
    (fixed / "lib/extra.py").write_text("X = 1\n")
    text = render_ideal(RESPONSE, original, fixed)
    assert text.startswith("Here is the stack.\n\n## File: lib/tap_stack.py\n\n```python\n" + AFTER + "```\n")
    assert "versioning" not in text
    assert "Deploy it with:\n\n```bash\npulumi up\n```\n\nThat is all." in text
    assert text.rstrip().endswith("## Files added by the fix\n\n### `lib/extra.py`\n\n```python\nX = 1\n```")
    assert "Other files the fix changed" not in text


def test_ideal_text_finds_a_block_by_its_name_when_the_fix_changed_its_text():
    response = "## File: lib/a.py\n\n```python\nA = 1  # cut off\n```\n"
    text, unshown = ideal_text(response, {"lib/a.py": "A = 1\n", "tap.py": "old\n"}, {"lib/a.py": "A = 2\n", "tap.py": "new\n"})
    assert text == "## File: lib/a.py\n\n```python\nA = 2\n```\n" and unshown == ["tap.py"]
