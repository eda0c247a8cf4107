"""What pulumi_random computes, drawn the way the provider draws it, so rules downstream judge a
value of the real shape (an auth token with the specials `override_special` allows, a name of the
requested length).

The provider's draw (terraform-provider-random, internal/random/string.go `CreateString`): each
`min_*` count draws that many characters from its class, whether or not the class is enabled (the
specials being `override_special` when given, else the default set); the rest of `length` draws
from the enabled classes; the result is shuffled. `number` is the deprecated name of `numeric`
and turns it off too. Draws are seeded per resource, so a value a service refuses is refused on
every run, as it would be on most real runs.
"""

from __future__ import annotations

import base64
import random
import string
from typing import Any

# the provider's default special characters (string.go `specialChars`)
DEFAULT_SPECIALS = "!@#$%&*()-_=+[]{}<>:?"
MIN_COUNTS = ("minUpper", "minLower", "minNumeric", "minSpecial")
# the provider's defaults for the inputs of RandomPassword and RandomString
STRING_DEFAULTS = {
    "upper": True,
    "lower": True,
    "numeric": True,
    "number": True,
    "special": True,
    "minUpper": 0,
    "minLower": 0,
    "minNumeric": 0,
    "minSpecial": 0,
    "overrideSpecial": "",
}


def number(inputs: dict[str, Any], key: str, default: int) -> int:
    value = inputs.get(key)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _enabled(inputs: dict[str, Any], flag: str) -> bool:
    if flag == "numeric" and inputs.get("number") is False:
        return False
    return inputs.get(flag) is not False


def random_string(seed: str, inputs: dict[str, Any]) -> str:
    """The `result` of a RandomPassword or RandomString with these inputs (wire names)."""
    specials = inputs.get("overrideSpecial") or DEFAULT_SPECIALS
    classes = {
        "upper": (string.ascii_uppercase, "minUpper"),
        "lower": (string.ascii_lowercase, "minLower"),
        "numeric": (string.digits, "minNumeric"),
        "special": (specials, "minSpecial"),
    }
    draw = random.Random(seed)
    picked = [draw.choice(chars) for chars, minimum in classes.values() for _ in range(max(number(inputs, minimum, 0), 0))]
    pool = "".join(chars for flag, (chars, _) in classes.items() if _enabled(inputs, flag))
    rest = max(number(inputs, "length", 16), 1) - len(picked)
    picked += [draw.choice(pool) for _ in range(rest)] if pool else []
    draw.shuffle(picked)
    return "".join(picked)


def length_problem(inputs: dict[str, Any]) -> str | None:
    """The provider's refusal of a `length` below 1 or below the sum of the `min_*` counts
    (terraform-plugin-framework-validators int64validator.AtLeast / AtLeastSumOf), None when fine."""
    length = inputs.get("length")
    if not isinstance(length, (int, float)) or isinstance(length, bool):
        return None
    length = int(length)
    if length < 1:
        return f"Attribute length value must be at least 1, got: {length}"
    total = sum(number(inputs, key, 0) for key in MIN_COUNTS)
    if length < total:
        return f"Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: {length}"
    return None


def random_id(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    """RandomId: `byte_length` bytes, the id their unpadded URL-safe base64, the other encodings prefixed."""
    raw = random.Random(seed).randbytes(max(number(inputs, "byteLength", 8), 1))
    prefix = inputs.get("prefix") if isinstance(inputs.get("prefix"), str) else ""
    b64_url = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return {
        "id": b64_url,
        "prefix": prefix,
        "hex": prefix + raw.hex(),
        "b64Url": prefix + b64_url,
        "b64Std": prefix + base64.b64encode(raw).decode(),
        "dec": prefix + str(int.from_bytes(raw, "big")),
    }
