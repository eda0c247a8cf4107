"""RM056: a DB instance class RDS does not offer for the engine ("RDS does not support creating a DB instance with the following combination: DBInstanceClass=db.t3.micro, Engine=aurora-postgresql").

cfn-lint's data lists the classes RDS offers per engine and region. The nearest one of the same
kind (t, m, r) and size replaces the class wherever the project pins it, the oldest generation
above the old one first.

Before:
    aws.rds.ClusterInstance("writer", engine="aurora-postgresql", instance_class="db.t3.micro", ...)
After:
    aws.rds.ClusterInstance("writer", engine="aurora-postgresql", instance_class="db.t3.medium", ...)

Safety: unsafe. A bigger class costs more; review the choice.
"""

from __future__ import annotations

from agent.core.aws_facts import INSTANCE_CLASS
from agent.core.fixes import Safety
from fixers._retired import RetiredValueFixer


class RetiredInstanceClassFixer(RetiredValueFixer):
    id = "RM056"
    name = "aws.retired-instance-class"
    title = "Replace a DB instance class RDS does not offer for the engine with the nearest offered one"
    safety = Safety.UNSAFE
    detail = INSTANCE_CLASS
    noun = "DB instance class"
