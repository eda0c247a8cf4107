"""Fuzzing the two places that read untrusted text: any input ends in a value or a clean error.

The materializer reads a model's markdown; the classifier reads whatever an engine or provider
printed. Neither may raise anything but the one error it documents (ProjectError), whatever it is fed.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.core.classify import to_deploy_error
from agent.core.errors import DeployError, ErrorKind
from agent.core.project import ProjectError
from agent.intake.materialize import materialize

FENCES = st.sampled_from(["```", "```python", "~~~", "````py", "```yaml", "```bash"])
HEADINGS = st.sampled_from(
    [
        "## File: lib/tap_stack.py",
        "### `tap.py`",
        "**__main__.py**",
        "lib/x.py:",
        "## /lib/y.py",
        "## ../up.py",
        "## /etc/z.py",
        "## File: Pulumi.yaml",
        "### Answer",
        "",
        "# lib\\_\\_init\\_\\_.py",
    ]
)
CODE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "import pulumi\nimport pulumi_aws as aws\nb = aws.s3.Bucket('b')\n",
            "class TapStack(pulumi.ComponentResource):\n    pass\n",
            "name: x\nruntime: python\nmain: lib/\n",
            "def broken(:\n",
        ]
    ),
)
PIECE = st.one_of(HEADINGS, st.text(max_size=80), st.tuples(FENCES, CODE).map(lambda fc: f"{fc[0]}\n{fc[1]}\n```"))
RESPONSES = st.lists(PIECE, max_size=12).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(response=RESPONSES)
def test_any_response_becomes_a_project_or_a_project_error(tmp_path_factory, response):
    folder = tmp_path_factory.mktemp("case")
    (folder / "MODEL_RESPONSE.md").write_text(response, encoding="utf-8", errors="surrogatepass")
    out = tmp_path_factory.mktemp("out") / "project"
    try:
        made = materialize(folder, out)
    except ProjectError as error:
        assert "\n" not in str(error)
        return
    assert (made.root / "Pulumi.yaml").is_file()
    assert all(path.resolve().is_relative_to(out.resolve()) for path in made.root.rglob("*"))


MESSAGES = st.one_of(
    st.text(max_size=300),
    st.builds(
        "{}{}{}".format,
        st.text(max_size=40),
        st.sampled_from(
            [
                "got an unexpected keyword argument '",
                "Missing required property '",
                "Cannot find version ",
                "Duplicate resource URN '",
                "resource '",
                "' has a problem: ",
                "No such file or directory: '",
                "module 'pulumi_aws' has no attribute '",
                "Unexpected type. Expected 'list' got '<class '",
            ]
        ),
        st.text(max_size=40),
    ),
)


@settings(max_examples=300, deadline=None)
@given(message=MESSAGES, line=st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)))
def test_any_text_classifies_to_an_error_with_a_kind(message, line):
    error = to_deploy_error(message, file="lib/x.py", line=line)
    assert isinstance(error, DeployError) and isinstance(error.kind, ErrorKind)
    assert all(isinstance(value, str) for value in error.details.values())
    assert len(error.fingerprint()) == 12 and isinstance(error.one_line, str)
