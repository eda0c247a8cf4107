"""An ingest function and the role it runs as."""
import pulumi

from infrastructure.iam import function_role
from infrastructure.lambda import ingest_function

role = function_role("ingest")
function = ingest_function("ingest", role)
pulumi.export("function_arn", function.arn)
