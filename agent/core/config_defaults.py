"""Conventional values for config keys a program requires (config/config_defaults.json).

RM009 sets them for a missing key; the materializer fills a placeholder in an answer's own setup
steps (`pulumi config set environmentSuffix <your-suffix>`) with the safe ones.
"""

from __future__ import annotations

import re

from agent.core.config import load_data
from agent.core.fixes import Safety

DEFAULTS_FILE = "config_defaults.json"


def is_secret_key(name: str) -> bool:
    """Whether a config key name holds a secret (a password, token, key): never given a default."""
    return bool(re.search(load_data(DEFAULTS_FILE)["secret_key_pattern"]["pattern"], name, re.IGNORECASE))


def default_for(name: str, region: str, account_id: str | None = None) -> tuple[str | None, str, Safety]:
    """(value, source, safety) for a config key name; (None, why not, _) for secrets, unknown keys
    and the account id when the engine does not know the account it deploys to."""
    table = load_data(DEFAULTS_FILE)
    if is_secret_key(name):
        return None, f"'{name}' holds a secret; set it with `pulumi config set --secret`", Safety.UNSAFE
    words = re.sub(r"[-.]", "_", name)  # secondary-region, notification.email
    for rule in table["defaults"]:
        if re.fullmatch(rule["pattern"], words, re.IGNORECASE):
            safety = Safety.UNSAFE if rule.get("safety") == "unsafe" else Safety.SAFE
            if "{account_id}" in rule["value"] and account_id is None:
                return None, f"'{name}' is the target account's id, which this engine does not know before the deploy", safety
            other = "us-west-2" if region == "us-east-1" else "us-east-1"
            value = rule["value"].replace("{region}", region).replace("{other_region}", other)
            return value.replace("{account_id}", account_id or ""), rule["source"], safety
    return None, f"no known default for '{name}' (add one to config/{DEFAULTS_FILE})", Safety.UNSAFE
