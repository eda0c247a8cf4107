"""A run's defaults, defined once: the CLI and its help text, RunOptions, the loop and the engines
read them here (agent.core is the one floor every layer may import). Defaults for a program's
config keys are another matter: agent/core/config_defaults.py."""

STACK = "ci"  # the user's stack name when none is given; runs use an ephemeral <stack>-<suffix>
REGION = "us-east-1"  # when neither --region, the stack's aws:region nor AWS_REGION says otherwise
LOCAL_ACCOUNT_ID = "123456789012"  # the account the local engine emulates (moto's, AWS's documentation example)

MAX_ATTEMPTS = 8  # runs of the engine before the loop gives up
# Per operation (a preview/up/destroy of pulumi; --timeout overrides it per run). Real deploys of
# these stacks take 8-35 min (issue 16): the longest and a margin.
OPERATION_TIMEOUT_S = 2700.0
CANCEL_GRACE_S = 60.0  # after SIGINT, how long the pulumi CLI gets to cancel its update before SIGKILL
DESTROY_TRIES = 4  # destroy runs while it fails on throttling or DependencyViolation
LOCAL_TIMEOUT_S = 300.0  # the local engine's cap per phase: a program that emulates longer is stuck

# Transient errors (throttling, eventual consistency) are retried without a patch, with exponential waits.
TRANSIENT_TRIES = 4
TRANSIENT_FIRST_WAIT_S = 2.0
TRANSIENT_MAX_WAIT_S = 60.0

STALE_STACK_AGE_S = 3600.0  # `remediate gc`: local stack state untouched this long was left by a killed run
