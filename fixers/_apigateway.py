"""What pulumi-aws 7 moved from an API Gateway Deployment to its Stage, and how a Stage names its deployment.

RM020 (a Deployment's removed stage_name= moved into a Stage) and RM033 (a Deployment's stage
outputs read from the Stage pointing at it) share these.
"""

from __future__ import annotations

import libcst as cst

from agent.core.cst import dotted_name, keyword

STAGE_OUTPUTS = ("stage_name", "invoke_url", "execution_arn")  # Deployment outputs v7 moved to Stage


def staged_deployment(stage: cst.Call) -> str:
    """How a Stage call names the deployment it points at (`deployment=api_deployment.id` ->
    "api_deployment"); "" when it names none."""
    pointed = keyword(stage, "deployment")
    return (dotted_name(pointed.value) or "").removesuffix(".id") if pointed else ""
