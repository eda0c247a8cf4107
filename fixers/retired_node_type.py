"""RM057: an ElastiCache node type the region no longer offers ("Invalid Cache Node Type: cache.m3.medium").

cfn-lint's data lists the node types ElastiCache offers per region. The nearest one of the same
kind (t, m, r) and size replaces it wherever the project pins it, the oldest generation above
the old one first.

Before:
    aws.elasticache.Cluster("cache", engine="redis", node_type="cache.m3.medium", ...)
After:
    aws.elasticache.Cluster("cache", engine="redis", node_type="cache.m4.large", ...)

Safety: unsafe. Another size may cost more; review the choice.
"""

from __future__ import annotations

from agent.core.aws_facts import NODE_TYPE
from agent.core.fixes import Safety
from fixers._retired import RetiredValueFixer


class RetiredNodeTypeFixer(RetiredValueFixer):
    id = "RM057"
    name = "aws.retired-node-type"
    title = "Replace an ElastiCache node type the region no longer offers with the nearest offered one"
    safety = Safety.UNSAFE
    detail = NODE_TYPE
    noun = "ElastiCache node type"
