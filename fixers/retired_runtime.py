"""RM055: a Lambda runtime AWS no longer takes for new functions ("The runtime parameter of python3.7 is no longer supported").

Lambda blocks creating functions with a runtime once its create-block date has passed (cfn-lint's
runtime lifecycle data). The oldest runtime of the same language, at or above the old one, that
is not deprecated replaces it wherever the project pins it, so the code's language stays.

Before:
    aws.lambda_.Function("handler", runtime="python3.7", handler="index.handler", ...)
After:
    aws.lambda_.Function("handler", runtime="python3.11", handler="index.handler", ...)

Safety: safe. Same language, a newer version; with none current, the fix is a Skip.
"""

from __future__ import annotations

from agent.core.aws_facts import RUNTIME
from fixers._retired import RetiredValueFixer


class RetiredRuntimeFixer(RetiredValueFixer):
    id = "RM055"
    name = "aws.retired-runtime"
    title = "Replace a retired Lambda runtime with the oldest current one of its language"
    detail = RUNTIME
    noun = "Lambda runtime"
