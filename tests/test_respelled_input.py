"""RM038 decides from the SDK whether it may respell an argument; finding the calls is fix()'s work."""

from pathlib import Path

import pulumi_aws as aws

from agent.core.classify import to_deploy_error
from agent.core.fixes import Fix, FixContext, Skip
from fixers.respelled_input import RejectedSpelling, RespelledInput

CASES = Path(__file__).parent / "fixers" / "respelled_input"


def _ctx(copy_project, case: str) -> FixContext:
    return FixContext(project=copy_project(CASES / case / "before"), stack="ci", region="us-east-1")


def test_match_names_the_class_and_argument_and_leaves_the_project_alone(copy_project):
    ctx = _ctx(copy_project, "renamed_reference_keyword")
    before = ctx.project.read("__main__.py")
    error = to_deploy_error("TypeError: RequestValidator._internal_init() got an unexpected keyword argument 'rest_api_id'")
    match = RespelledInput().match(error, ctx)
    assert match.found == RejectedSpelling(aws.apigateway.RequestValidator, "rest_api_id")
    assert ctx.project.read("__main__.py") == before
    assert isinstance(RespelledInput().fix(match, ctx), Fix)


def test_an_argument_standing_for_no_required_input_is_skipped_in_fix(copy_project):
    ctx = _ctx(copy_project, "unrelated_keyword_left_alone")
    error = to_deploy_error("TypeError: RequestValidator._internal_init() got an unexpected keyword argument 'validator_name'")
    match = RespelledInput().match(error, ctx)
    assert match is not None  # the class has required inputs the argument might have stood for
    assert isinstance(RespelledInput().fix(match, ctx), Skip)


def test_a_class_without_required_inputs_is_not_claimed(copy_project):
    ctx = _ctx(copy_project, "unrelated_keyword_left_alone")
    (ctx.project.root / "__main__.py").write_text('import pulumi_aws as aws\n\naws.s3.Bucket("b", bucket_name="b")\n')
    error = to_deploy_error("TypeError: Bucket._internal_init() got an unexpected keyword argument 'bucket_name'")
    assert RespelledInput().match(error, ctx) is None
