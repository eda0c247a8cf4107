"""OUT/index.html: one self-contained page for a batch (inline CSS, JS and SVG, nothing fetched):
a sortable, filterable table of the cases with links to each case's outputs, and charts of the
statuses, error kinds, fixers, durations and the trend across the nights in the history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from agent.core.config import config_path
from agent.nightly.batch_out import remaining_text, unsafe_fixes

LINKED = ("report.md", "fix.diff", "MODEL_FAILURES.md", "IDEAL_RESPONSE.md")


def rows(out: Path, data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "case": entry["case"],
            "status": entry["status"],
            "attempts": entry["attempts"],
            "fixes": len(entry["fixes"]),
            "unsafe": unsafe_fixes(out, entry["case"]),
            "duration_s": entry["duration_s"],
            "error_kind": (entry.get("remaining_error") or {}).get("kind") or ("crash" if entry.get("error") else ""),
            "error": remaining_text(entry),
            "fixers": entry["fixes"],
            "links": {name: f"{entry['case']}/{name}" for name in LINKED if (out / entry["case"] / name).is_file()},
        }
        for entry in data["cases"]
    ]


def trend(db: Path | None) -> list[dict[str, Any]]:
    if db is None or not db.is_file():
        return []
    from contextlib import closing

    from agent.nightly.history import connect, nights

    with closing(connect(db)) as connection:
        return [{"night": n.id, "started": n.started, "fix_rate": round(n.fix_rate, 3), **n.statuses} for n in nights(connection)]


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")


def render_dashboard(out: Path, data: dict[str, Any], db: Path | None = None) -> str:
    template_file = config_path("templates/index.html.j2")
    env = Environment(loader=FileSystemLoader(str(template_file.parent)), undefined=StrictUndefined, autoescape=select_autoescape(["j2"]))
    page = {"cases": rows(out, data), "counts": data["counts"], "duration_s": data.get("duration_s", 0), "trend": trend(db)}
    return env.get_template(template_file.name).render(data=_script_json(page), cases=len(data["cases"]), duration_s=page["duration_s"])


def write_dashboard(out: Path, data: dict[str, Any], db: Path | None = None) -> None:
    (out / "index.html").write_text(render_dashboard(out, data, db))
