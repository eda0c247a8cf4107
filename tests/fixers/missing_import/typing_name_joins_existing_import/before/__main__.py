from typing import Dict

import pulumi

TAGS: Dict[str, str] = {"team": "web"}
NAME = pulumi.Config().get("name")


def tags_for(extra: Optional[Dict[str, str]]) -> Dict[str, str]:
    return {**TAGS, **(extra or {})}


pulumi.export("tags", tags_for(None))
