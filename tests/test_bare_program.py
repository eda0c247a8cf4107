"""Responses without code fences: a bare program, Python with prose around it, or no code at all."""

import json
from pathlib import Path

import pytest

from agent.intake.bare_program import bare_program, has_code, parsing_spans
from agent.intake.materialize import NoProgram, materialize
from agent.run import RunOptions, remediate

PROGRAM = """import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
pulumi.export("bucket", bucket.id)
"""


def case(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "MODEL_RESPONSE.md").write_text(text)
    return folder


def test_a_bare_program_is_the_whole_response():
    found = bare_program(PROGRAM)
    assert found is not None and found.parses and found.code == PROGRAM and (found.first, found.last) == (1, 5)


def test_prose_around_the_program_is_left_out():
    text = (
        "Here's the complete solution, as you asked:\n\nmain.py\n"
        + PROGRAM
        + "\nThis program creates a bucket. Deploy it with `pulumi up`.\n"
    )
    found = bare_program(text)
    assert found is not None and found.code == PROGRAM  # "main.py" parses, but does nothing: trimmed
    assert found.first == 4


def test_the_longest_program_wins_over_a_snippet():
    snippet = "import pulumi\nx = 1\n"
    text = snippet + "\nNow the real program, it's longer:\n\n" + PROGRAM + "\nDone.\n"
    assert bare_program(text).code == PROGRAM


def test_imports_alone_are_no_program_and_mangled_code_is_kept_as_written():
    flattened = "import pulumi\nimport pulumi_aws as aws\n\ndef make():\nreturn aws.s3.Bucket('b')\n\nmake()\n```\n"
    found = bare_program(flattened)
    assert found is not None and not found.parses
    assert found.code == flattened.replace("```\n", "").rstrip("\n") + "\n"  # the fence line left out


def test_no_pulumi_no_program():
    assert bare_program("import boto3\nboto3.client('s3').list_buckets()\n") is None
    assert bare_program("We built a VPC.\n\nIt has two subnets.\n") is None


def test_spans_follow_the_parser_errors():
    lines = ["Intro: it's here", "x = 1", "y = 2", "Then some prose (unfinished", "z = 3"]
    assert list(parsing_spans(lines)) == [(1, 3), (4, 5)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Provide the response that made the model fail", False),
        ("# Summary\n\nWe built it.\n\n- a VPC\n- Note: two subnets\n", False),
        ("Run:\n\n```bash\npulumi up\n```\n", True),
        ("print('hello')\n", True),
    ],
)
def test_has_code(text, expected):
    assert has_code(text) is expected


def test_materialize_writes_the_unfenced_program_and_notes_it(tmp_path):
    folder = case(tmp_path, "I'll write the program.\n\n" + PROGRAM + "\nThat's all.\n")
    made = materialize(folder, tmp_path / "out")
    assert (made.root / "tap.py").read_text() == PROGRAM  # the scaffold's entry point, as for an unnamed block
    assert "main: tap.py" in (made.root / "Pulumi.yaml").read_text()
    assert (
        made.notes[0] == "tap.py taken from MODEL_RESPONSE.md lines 3-7: Python written without code fences (the prose around it left out)"
    )


def test_materialize_keeps_a_tapstack_program_in_lib(tmp_path):
    program = PROGRAM.replace('bucket = aws.s3.Bucket("logs")', "class TapStack(pulumi.ComponentResource):\n    pass")
    made = materialize(case(tmp_path, program), tmp_path / "out")
    assert (made.root / "lib/tap_stack.py").read_text() == program and (made.root / "tap.py").is_file()


def test_a_response_with_no_code_is_its_own_outcome(tmp_path):
    folder = case(tmp_path, "Provide the response that made the model fail")
    out = tmp_path / "run"
    report = remediate(folder, RunOptions(out=out))
    data = json.loads((out / "summary.json").read_text())
    assert report.outcome.status.value == "no_code" and data["status"] == "no_code"
    assert data["reason"] == "MODEL_RESPONSE.md holds no code at all" and data["attempts"] == 0 and data["fixes"] == []
    assert "no Pulumi program" in (out / "report.md").read_text() and not (out / "input-project").exists()
    with pytest.raises(NoProgram):
        materialize(folder, tmp_path / "again")
