"""agent.intake.materialize: candidate-response markdown -> a Pulumi project on disk."""

from pathlib import Path

import pytest
import yaml

from agent.core.project import Project, ProjectError
from agent.intake.materialize import NoProgram, is_candidate_folder, materialize, named_path

STACK = """import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix=None):
        self.environment_suffix = environment_suffix or "dev"


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        aws.s3.Bucket(f"logs-{args.environment_suffix}", opts=pulumi.ResourceOptions(parent=self))
"""

FLAT = """import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
pulumi.export("bucket", bucket.id)
"""


def fence(code: str, info: str = "python") -> str:
    return f"```{info}\n{code.rstrip()}\n```\n"


def case(tmp_path: Path, markdown: str, pulumi_yaml: str | None = None, name: str = "case1") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "MODEL_RESPONSE.md").write_text(markdown)
    if pulumi_yaml is not None:
        (folder / "Pulumi.yaml").write_text(pulumi_yaml)
    return folder


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "line, path",
    [
        ("## File: lib/tap_stack.py", "lib/tap_stack.py"),
        ("### `lib/x.py`", "lib/x.py"),
        ("**tap.py**", "tap.py"),
        ("**`requirements.txt`**:", "requirements.txt"),
        ("### 2. IAM Module (`modules/iam.py`)", "modules/iam.py"),
        ("lib/tap_stack.py:", "lib/tap_stack.py"),
        ("Now let's write the roles in `iam.py`:", "iam.py"),
        ("### Main Deployment File (**main**.py)", "__main__.py"),
        ("This module defines the roles for lib/iam.py and more", None),
        ("## Implementation", None),
        ("1. Install dependencies:", None),
    ],
)
def test_named_path_reads_heading_styles(line, path):
    assert named_path(line) == path


def test_heading_styles_become_files(tmp_path):
    markdown = (
        "# Answer\n\n## File: lib/tap_stack.py\n\n"
        + fence(STACK)
        + "\n### `lib/helpers.py`\n"
        + fence("def tag(name):\n    return {'Name': name}")
        + "\n**lib/lambda/handler.py**\n"
        + fence("def handler(event, context):\n    return 1")
        + "\nlib/settings.json:\n"
        + fence('{"retention": 7}', "json")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert files(root) == {
        "Pulumi.yaml",
        "tap.py",
        "lib/__init__.py",
        "lib/tap_stack.py",
        "lib/helpers.py",
        "lib/lambda/handler.py",
        "lib/settings.json",
    }
    assert (root / "lib/tap_stack.py").read_text() == STACK
    assert (root / "lib/settings.json").read_text().strip() == '{"retention": 7}'


def test_first_line_path_comment_names_the_block(tmp_path):
    markdown = (
        "## Main stack\n"
        + fence("# lib/tap_stack.py\n" + STACK)
        + "## Handler\n"
        + fence("# lib/lambda/app.py\ndef handler(e, c):\n    return e")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert "class TapStack(" in (root / "lib/tap_stack.py").read_text()
    assert (root / "lib/lambda/app.py").is_file()


def test_one_block_opening_with_a_path_comment_holds_each_file_a_margin_comment_opens(tmp_path):
    helper = "#lib/naming.py\ndef name(x):\n    # lib/other.py stays: it is indented, inside the function\n    return x\n"
    markdown = fence("# lib/tap_stack.py\n" + STACK + "\n" + helper + "\n#tap.py\nimport lib.tap_stack\n")
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    stack = (root / "lib/tap_stack.py").read_text()
    assert "class TapStack(" in stack and "def name" not in stack
    naming = (root / "lib/naming.py").read_text()
    assert naming.startswith("#lib/naming.py\n") and "# lib/other.py stays" in naming and "import lib.tap_stack" not in naming
    assert (root / "tap.py").read_text().startswith("#tap.py\nimport lib.tap_stack")
    assert not (root / "lib/other.py").exists()


def test_unnamed_stack_module_goes_to_lib_tap_stack_with_scaffold(tmp_path):
    folder = case(tmp_path, "Here is the program:\n\n" + fence(STACK), pulumi_yaml=None, name="my-case")
    root = materialize(folder, tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "tap.py", "lib/__init__.py", "lib/tap_stack.py"}
    settings = yaml.safe_load((root / "Pulumi.yaml").read_text())
    assert settings["name"] == "my-case" and settings["main"] == "tap.py" and settings["runtime"]["name"] == "python"
    tap = (root / "tap.py").read_text()
    assert "from lib.tap_stack import TapStack, TapStackArgs" in tap
    assert "ENVIRONMENT_SUFFIX" in tap and "environmentSuffix" in tap and '"dev"' in tap
    compile(tap, "tap.py", "exec")
    Project.open(root)


def test_largest_unnamed_pulumi_block_wins_and_flat_program_is_the_entry_point(tmp_path):
    fragment = "import pulumi\npulumi.export('x', 1)\n"
    markdown = (
        "First a sketch:\n"
        + fence(fragment)
        + "Then the whole program:\n"
        + fence(FLAT)
        + fence("print('no pulumi here, but much longer ' * 20)")
    )
    root = materialize(case(tmp_path, markdown, pulumi_yaml="name: flat\nruntime: python\nmain: tap.py\n"), tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "tap.py"}
    assert (root / "tap.py").read_text() == FLAT


def test_folder_pulumi_yaml_wins_and_given_entry_point_is_kept(tmp_path):
    markdown = (
        "## File: lib/tap_stack.py\n"
        + fence(STACK)
        + "## File: tap.py\n"
        + fence("from lib.tap_stack import TapStack, TapStackArgs\nTapStack('s', TapStackArgs('x'))")
        + "## File: Pulumi.yaml\n"
        + fence("name: from-response\nruntime: python\n", "yaml")
    )
    root = materialize(case(tmp_path, markdown, pulumi_yaml="name: TapStack\nruntime: python\nmain: tap.py\n"), tmp_path / "out").root
    assert yaml.safe_load((root / "Pulumi.yaml").read_text())["name"] == "TapStack"
    assert (root / "tap.py").read_text().startswith("from lib.tap_stack import TapStack, TapStackArgs\nTapStack('s'")


def test_shell_docs_tests_and_tree_listings_are_skipped(tmp_path):
    markdown = (
        "## Project Structure\n"
        + fence("lib/\n  tap_stack.py\ntap.py", "")
        + "## File: lib/tap_stack.py\n"
        + fence(STACK)
        + "## File: tests/unit/test_tap_stack.py\n"
        + fence("import pulumi\ndef test_x():\n    assert True")
        + "## File: README.md\n"
        + fence("# Readme\n", "markdown")
        + "Deploy with `tap.py`:\n"
        + fence("pulumi up --yes", "bash")
        + "1. Install:\n"
        + fence("pip install -r requirements.txt", "bash")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "tap.py", "lib/__init__.py", "lib/tap_stack.py"}
    assert "pulumi up" not in (root / "tap.py").read_text()


def test_only_the_answer_after_the_reasoning_counts(tmp_path):
    markdown = (
        "### Reasoning Trace\n---\nDraft:\n"
        + fence("# lib/draft.py\n" + FLAT)
        + "\n### Answer\n---\n## File: lib/tap_stack.py\n"
        + fence(STACK)
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert "lib/draft.py" not in files(root) and "lib/tap_stack.py" in files(root)


@pytest.mark.parametrize("path", ["../evil.py", "lib/../../evil.py", "/etc/evil.py"])
def test_paths_escaping_the_project_are_refused(tmp_path, path):
    folder = case(tmp_path, f"## File: {path}\n" + fence(FLAT))
    with pytest.raises(ProjectError, match="outside the project"):
        materialize(folder, tmp_path / "out")
    assert not (tmp_path / "evil.py").exists()


def test_code_without_a_pulumi_program_is_no_program(tmp_path):
    folder = case(tmp_path, "# Summary\n\nWe built it.\n\n" + fence("pulumi up", "bash") + fence("print('hello')"))
    with pytest.raises(NoProgram) as raised:
        materialize(folder, tmp_path / "out")
    assert str(raised.value) == "MODEL_RESPONSE.md holds code, but no Pulumi program (snippets, or a program for another tool)"


def test_is_candidate_folder_and_ideal_response(tmp_path):
    folder = case(tmp_path, "nothing here")
    (folder / "IDEAL_RESPONSE.md").write_text("## File: lib/tap_stack.py\n" + fence(STACK))
    project = tmp_path / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    assert is_candidate_folder(folder) and not is_candidate_folder(project) and not is_candidate_folder(tmp_path / "missing")
    assert (materialize(folder, tmp_path / "out", response="IDEAL_RESPONSE.md").root / "lib/tap_stack.py").is_file()


def test_scaffolded_entry_fills_the_tap_stack_args_it_knows(tmp_path):
    stack = STACK.replace(
        'class TapStackArgs:\n    def __init__(self, environment_suffix=None):\n        self.environment_suffix = environment_suffix or "dev"\n',
        '@dataclass\nclass TapStackArgs:\n    tags: dict\n    environment_suffix: str = "dev"\n',
    ).replace("import pulumi\n", "from dataclasses import dataclass\n\nimport pulumi\n", 1)
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert 'TapStackArgs(environment_suffix=environment_suffix, tags={"Environment": environment_suffix})' in tap
    compile(tap, "tap.py", "exec")


def test_root_stack_module_without_args_class(tmp_path):
    stack = "import pulumi\n\n\nclass TapStack(pulumi.ComponentResource):\n    def __init__(self, name, opts=None):\n        super().__init__('tap:TapStack', name, None, opts)\n"
    root = materialize(case(tmp_path, "## tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "tap.py", "tap_stack.py"}
    tap = (root / "tap.py").read_text()
    assert "from tap_stack import TapStack\n" in tap and 'stack = TapStack("pulumi-infra")' in tap


@pytest.mark.parametrize(
    "line, path",
    [
        (r"## File: lib\tap_stack.py", "lib/tap_stack.py"),
        (r"## File: lib\infrastructure\_\_init\_\_.py", "lib/infrastructure/__init__.py"),
        (r"## File: lib\*\*init\*\*.py", "lib/__init__.py"),
        (r"2. lib\_\_init\_\_.py", "lib/__init__.py"),
        ("3. infrastructure/config.py", "infrastructure/config.py"),
        ("- lib/helpers.py", "lib/helpers.py"),
        ("7. **init**.py", "__init__.py"),
        ("1. Install the packages in requirements.txt first", None),
    ],
)
def test_named_path_reads_windows_separators_escapes_and_list_items(line, path):
    assert named_path(line) == path


def test_windows_style_headings_build_the_package_tree(tmp_path):
    markdown = (
        "## File: lib\\tap_stack.py\n"
        + fence(STACK.replace("import pulumi_aws as aws\n", "import pulumi_aws as aws\nfrom lib.infrastructure.names import tag\n"))
        + "## File: lib\\infrastructure\\_\\_init\\_\\_.py\n"
        + fence("# empty")
        + "1. lib\\infrastructure\\names.py\n"
        + fence("def tag(name):\n    return name")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert files(root) == {
        "Pulumi.yaml",
        "tap.py",
        "lib/__init__.py",
        "lib/tap_stack.py",
        "lib/infrastructure/__init__.py",
        "lib/infrastructure/names.py",
    }


ENTRY = "import pulumi\nfrom tap_stack import TapStack\n\nstack = TapStack('main')\n"
ROOT_STACK = "import pulumi\n\n\nclass TapStack(pulumi.ComponentResource):\n    def __init__(self, name, opts=None):\n        super().__init__('tap:TapStack', name, None, opts)\n"


def test_declared_main_missing_runs_the_answers_own_entry_in_that_directory(tmp_path):
    markdown = "## __main__.py\n" + fence(ENTRY) + "## tap_stack.py\n" + fence(ROOT_STACK)
    folder = case(tmp_path, markdown, pulumi_yaml="name: p\nruntime:\n  name: python\nmain: tap.py\n")
    root = materialize(folder, tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "__main__.py", "tap_stack.py"}
    assert yaml.safe_load((root / "Pulumi.yaml").read_text()) == {"name": "p", "runtime": {"name": "python"}}
    assert Project.open(root).main is None


def test_declared_main_missing_gets_the_scaffold_over_an_entry_elsewhere(tmp_path):
    markdown = "## lib/tap_stack.py\n" + fence(STACK) + "## lib/__main__.py\n" + fence(ENTRY)
    root = materialize(case(tmp_path, markdown, pulumi_yaml="name: p\nruntime: python\nmain: tap.py\n"), tmp_path / "out").root
    assert "from lib.tap_stack import TapStack, TapStackArgs" in (root / "tap.py").read_text()
    assert Project.open(root).main == "tap.py"


def test_main_in_lib_missing_is_repointed_to_the_scaffolded_tap_py(tmp_path):
    root = materialize(
        case(tmp_path, "Program:\n" + fence(STACK), pulumi_yaml="name: p\nruntime: python\nmain: lib/__main__.py\n"), tmp_path / "out"
    ).root
    assert (root / "tap.py").is_file() and Project.open(root).main == "tap.py"
    assert (root / "Pulumi.yaml").read_text().startswith("name: p\nruntime: python\n")


def test_flat_program_in_lib_is_imported_by_the_scaffold(tmp_path):
    root = materialize(
        case(tmp_path, "## lib/tap_stack.py\n" + fence(FLAT), pulumi_yaml="name: p\nruntime: python\nmain: tap.py\n"), tmp_path / "out"
    ).root
    tap = (root / "tap.py").read_text()
    assert "import lib.tap_stack" in tap
    compile(tap, "tap.py", "exec")


def test_placeholder_named_block_gives_way_to_the_full_unnamed_program(tmp_path):
    markdown = "## lib/tap_stack.py\n" + fence("# See lib/tap_stack.py for the full implementation") + "## Full code\n" + fence(STACK)
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert (root / "lib/tap_stack.py").read_text() == STACK and (root / "tap.py").is_file()


def test_scaffold_follows_a_tap_stack_that_takes_no_arguments(tmp_path):
    stack = "import pulumi\nimport pulumi_aws as aws\n\n\nclass TapStack:\n    def __init__(self):\n        self.bucket = aws.s3.Bucket('logs')\n"
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert "stack = TapStack()\n" in tap
    compile(tap, "tap.py", "exec")


def test_scaffold_follows_the_tap_stack_of_an_answer_cut_off_mid_statement(tmp_path):
    stack = (
        "import pulumi\nimport pulumi_aws as aws\n\n\nclass TapStack:\n    def __init__(self):\n"
        "        self.bucket = aws.s3.Bucket('logs')\n        pulumi.export('bucket', self.bucket.id)\n        pulumi.export('name_"
    )
    markdown = "## File: lib/tap_stack.py\n```python\n" + stack + "\n"  # the answer stops inside its last block
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert "stack = TapStack()\n" in (root / "tap.py").read_text()


def test_scaffold_fills_required_stack_args_it_has_a_conventional_value_for(tmp_path):
    stack = STACK.replace(
        "def __init__(self, environment_suffix=None",
        "def __init__(self, environment, primary_region, secondary_region, environment_suffix=None",
    )
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert "environment='dev', primary_region='us-east-1', secondary_region='us-west-2'" in tap, tap
    compile(tap, "tap.py", "exec")


def test_scaffold_passes_keyword_only_stack_parameters_by_keyword(tmp_path):
    stack = STACK.replace("def __init__(self, name, args, opts=None)", "def __init__(self, name, *, args, opts=None)")
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    assert 'TapStack("pulumi-infra", args=TapStackArgs(environment_suffix=environment_suffix))' in (root / "tap.py").read_text()


def test_scaffold_only_imports_a_module_that_creates_its_tap_stack(tmp_path):
    stack = STACK + "\n\nstack = TapStack('main', TapStackArgs())\n"
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(stack)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert "import lib.tap_stack" in tap and "TapStack(" not in tap


def test_scaffold_imports_a_module_that_builds_its_stack_through_its_own_function(tmp_path):
    module = (
        "import pulumi\nimport pulumi_aws as aws\n\n\nclass Migration:\n    def __init__(self):\n"
        "        self.bucket = aws.s3.Bucket('logs')\n\n\ndef create_migration_stack():\n    return Migration()\n\n\n"
        "stack = create_migration_stack()\n"
    )
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(module)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert "import lib.tap_stack" in tap and "create_migration_stack(" not in tap


def test_scaffold_calls_the_one_uncalled_function_that_declares_resources(tmp_path):
    program = FLAT.replace('bucket = aws.s3.Bucket("logs")\npulumi.export("bucket", bucket.id)\n', "")
    program += '\n\ndef create_storage(environment_suffix: str) -> None:\n    aws.s3.Bucket(f"logs-{environment_suffix}")\n\n\ndef helper(x):\n    return x\n'
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(program)), tmp_path / "out").root
    tap = (root / "tap.py").read_text()
    assert "from lib.tap_stack import create_storage\n" in tap and "\ncreate_storage(environment_suffix=environment_suffix)\n" in tap
    compile(tap, "tap.py", "exec")


@pytest.mark.parametrize(
    "extra",
    [
        "\n\ncreate_storage('dev')\n",  # already called: the module is the program, nothing to add
        "\n\ndef create_queue(environment_suffix):\n    aws.sqs.Queue('q')\n",  # two candidates: which one?
    ],
)
def test_scaffold_calls_no_function_when_one_is_called_or_it_is_ambiguous(tmp_path, extra):
    program = "import pulumi_aws as aws\n\n\ndef create_storage(environment_suffix):\n    aws.s3.Bucket('logs')\n" + extra
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(program)), tmp_path / "out").root
    tap = (root / "tap.py").read_text() if (root / "tap.py").exists() else ""
    assert "create_storage(environment_suffix" not in tap and "create_queue(" not in tap


def test_scaffold_imports_a_program_that_does_not_parse_so_its_error_shows(tmp_path):
    broken = FLAT + 'policy = aws.iam.Policy("p", policy="""{"a": """x""" }""")\n'
    root = materialize(case(tmp_path, "## File: lib/tap_stack.py\n" + fence(broken)), tmp_path / "out").root
    assert "import lib.tap_stack" in (root / "tap.py").read_text()


def test_answer_reuses_a_module_only_the_reasoning_wrote_out(tmp_path):
    markdown = (
        "### Reasoning\n`labels.py` first:\n"
        + fence("# labels.py\nLABELS = {'team': 'a'}")
        + "### Answer\n## __main__.py\n"
        + fence("import pulumi_aws as aws\nfrom labels import LABELS\n\naws.s3.Bucket('b', tags=LABELS)")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert files(root) == {"Pulumi.yaml", "__main__.py", "labels.py"}
    assert "LABELS = {'team': 'a'}" in (root / "labels.py").read_text()


def test_a_file_named_without_its_folder_goes_where_the_answer_imports_it(tmp_path):
    markdown = (
        "### 1. tap_stack.py - the stack\n\n"
        + fence("import pulumi\n\nclass TapStack(pulumi.ComponentResource):\n    pass\n")
        + "### 2. helpers.py\n\n"
        + fence("import json\n")
        + "### 3. tap.py\n\n"
        + fence("import pulumi\nimport helpers\nfrom lib.tap_stack import TapStack\n")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert {"lib/tap_stack.py", "helpers.py", "tap.py"} <= files(root)  # helpers is imported as it is named
    assert "tap_stack.py" not in files(root)


def test_a_file_the_answer_cuts_off_is_restored_from_the_reasoning(tmp_path):
    whole = "import pulumi\n\ndef alarms(fn):\n    return pulumi.Output.from_input(fn)\n"
    markdown = (
        "### Reasoning\n\n# monitoring.py\n"
        + fence(whole)
        + "### Answer\n\n## File: __main__.py\n\n"
        + fence("import pulumi\nimport monitoring\n")
        + "## File: monitoring.py\n\n"
        + fence("import pulumi\n\ndef alarms(fn):\n    return pulumi.Output.from_input(\n")
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert (root / "monitoring.py").read_text().rstrip() == whole.rstrip()


def test_notes_say_what_the_setup_added_or_moved(tmp_path):
    main = "import pulumi\nfrom lib.tap_stack import TapStack\n\nTapStack('tap')\n"
    markdown = (
        "## tap_stack.py\n" + fence(STACK) + "## tap.py\n" + fence(main) + "\n```bash\npulumi config set environmentSuffix qa1\n```\n"
    )
    made = materialize(case(tmp_path, markdown), tmp_path / "out")
    assert made.notes == (
        "2 file(s) written from MODEL_RESPONSE.md's code blocks",
        "Pulumi.yaml scaffolded from config/scaffold/ (the answer has none)",
        "lib/__init__.py scaffolded from config/scaffold/ (the answer has none)",
        "tap_stack.py placed at lib/tap_stack.py, where the answer's own imports look for it",
        "config environmentSuffix = 'qa1' from the answer's own `pulumi config set` steps",
    )


def test_an_answer_given_whole_needs_no_notes_beyond_its_files(tmp_path):
    made = materialize(
        case(tmp_path, "## File: tap.py\n" + fence("import pulumi\n"), pulumi_yaml="name: p\nruntime: python\nmain: tap.py\n"),
        tmp_path / "out",
    )
    assert made.notes == ("1 file(s) written from MODEL_RESPONSE.md's code blocks",)


def test_a_file_the_program_reads_by_path_comes_from_the_reasoning_block_naming_it(tmp_path):
    program = (
        "import subprocess\nimport pulumi\n\n"
        "subprocess.check_call(['pip', 'install', '--target', './build', '-r', './lambda/requirements.txt'])\n"
        "pulumi.export('built', True)\n"
    )
    markdown = (
        "### Reasoning\nLet's also create a `requirements.txt` file for the Lambda function:\n\n"
        + fence("boto3==1.34.0", info="")
        + "And the project's own:\n\n## requirements.txt\n"
        + fence("pulumi>=3\npulumi-aws>=7", info="")
        + "### Answer\n## __main__.py\n"
        + fence(program)
        + "## requirements.txt\n"
        + fence("pulumi>=3\npulumi-aws>=7", info="")
    )
    made = materialize(case(tmp_path, markdown), tmp_path / "out")
    assert (made.root / "lambda/requirements.txt").read_text().strip() == "boto3==1.34.0"
    assert (made.root / "requirements.txt").read_text().strip() == "pulumi>=3\npulumi-aws>=7"  # the project's own stays
    assert "lambda/requirements.txt taken from the answer's reasoning part (the program reads it there)" in made.notes


def test_a_path_named_by_two_different_reasoning_blocks_is_not_guessed(tmp_path):
    program = "import pulumi\n\npulumi.export('policy', open('policies/app.json').read())\n"
    markdown = (
        "### Reasoning\n`app.json`:\n"
        + fence('{"a": 1}', info="json")
        + "Better, `app.json`:\n"
        + fence('{"b": 2}', info="json")
        + "### Answer\n## __main__.py\n"
        + fence(program)
    )
    root = materialize(case(tmp_path, markdown), tmp_path / "out").root
    assert not (root / "policies/app.json").exists()
