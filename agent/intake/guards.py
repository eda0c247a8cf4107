"""What a candidate folder may hand the materializer: its own text files, of sane size, as text.

A response is untrusted input, written by a model and read unattended. Each refusal is a
ProjectError, one line naming the file or the code block and its line, so a nightly batch
reports the case and goes on. Limits live in config/limits.json ("intake"), which a user can override.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from agent.core.config import load_data
from agent.core.project import ProjectError

# The first segment of an absolute path that means the machine's own folders, not the project's:
# `/lib/tap_stack.py` in a heading means the project's lib/, `/etc/passwd` means no project file.
SYSTEM_ROOTS = {
    "bin",
    "boot",
    "dev",
    "etc",
    "home",
    "lib32",
    "lib64",
    "media",
    "mnt",
    "opt",
    "proc",
    "root",
    "run",
    "sbin",
    "snap",
    "srv",
    "sys",
    "tmp",
    "usr",
    "var",
    "Applications",
    "Library",
    "System",
    "Users",
    "Volumes",
    "private",
}


def limit(name: str) -> int:
    return int(load_data("limits.json")["intake"][name])


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count} bytes"


def case_text(case_dir: Path, name: str) -> tuple[str, str | None]:
    """The text of a file in the candidate folder, and a note when it was not UTF-8.

    A link out of the folder, a file over the size limit and binary content are refused. Text in
    Windows-1252 (curly quotes typed on Windows) is read as such and noted, not refused: it is
    what a QA engineer's editor would show."""
    path = Path(case_dir) / name
    if path.is_symlink() and not path.resolve().is_relative_to(Path(case_dir).resolve()):
        raise ProjectError(f"{path}: a link out of the candidate folder (to {path.resolve()}) is not read")
    data = path.read_bytes()
    if len(data) > limit("max_response_bytes"):
        raise ProjectError(
            f"{path}: {_size(len(data))} is over the {_size(limit('max_response_bytes'))} limit for a response"
            " (intake.max_response_bytes in config/limits.json)"
        )
    try:
        text, note = data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        note = f"{name} is not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); read as Windows-1252"
    if "\x00" in text:  # binary, as git and grep tell it: a stray control character (a mangled emoji) is not
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ProjectError(f"{path}: binary content (a NUL byte at line {line}), not a text response")
    return text, note


def project_path(path: str, block_line: int) -> str:
    """A block's file name as a path inside the project; refused when it would land outside it.

    `/lib/x.py` is taken as the project's lib/x.py; `/etc/x`, `~/x` and any `..` are refused."""
    pure = PurePosixPath(path)
    if pure.is_absolute() and len(pure.parts) > 1 and pure.parts[1] not in SYSTEM_ROOTS:
        pure = PurePosixPath(*pure.parts[1:])
    if pure.is_absolute() or path.startswith("~") or ".." in pure.parts or not pure.parts:
        raise ProjectError(f"refusing to write {path!r} (code block at line {block_line} of the response): it points outside the project")
    return pure.as_posix()


def checked_size(path: str, code: str, block_line: int) -> str:
    """The block's code, refused when it is larger than any source file a response should carry."""
    size = len(code.encode())
    if size > limit("max_block_bytes"):
        raise ProjectError(
            f"refusing to write {path!r} (code block at line {block_line} of the response): {_size(size)} is over the "
            f"{_size(limit('max_block_bytes'))} limit for one file (intake.max_block_bytes in config/limits.json)"
        )
    return code
