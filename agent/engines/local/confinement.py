"""The program's view of the file system, in a mount namespace of its own.

A program may write only to its working copy, its temporary HOME and its stack's state folder;
everything else is read-only, so a write elsewhere fails with EROFS. The user's home and root's
home are covered by an empty tmpfs, so `/home/you/.aws/credentials` cannot be read by its full
path either; what Python itself needs from there (a pyenv interpreter, a venv) is shown again,
read-only. Called in the forked child, after unshare(CLONE_NEWNS), before the program runs.
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import cache
from pathlib import Path

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 0x20, 0x400, 0x800, 0x1000
MS_REC, MS_PRIVATE, MS_RELATIME = 0x4000, 0x40000, 0x200000
# Flags a remount must keep: in a user namespace they are locked, and dropping one is refused.
KEPT_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME, "nodiratime": MS_NODIRATIME}
KEPT_FLAGS["relatime"] = MS_RELATIME
# Kernel file systems whose mounts may refuse a read-only remount; nothing of the user's is there.
KERNEL_FILE_SYSTEMS = frozenset({"proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "bpf", "debugfs", "tracefs"})


def confine_files(writable: list[str], hidden: list[str], readable: list[str] = ()) -> None:
    """Make every mount read-only, cover `hidden` with empty tmpfs, and show again `writable`
    (writable), and `readable` and the interpreter's own paths under `hidden` (read-only)."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the host's namespace
    hidden = [path for path in map(os.path.realpath, hidden) if os.path.isdir(path) and path != "/"]  # HOME=/ in some containers
    shown = {path: True for path in map(os.path.realpath, writable) if os.path.exists(path)}
    for path in [*_python_paths(), *(p for p in map(os.path.realpath, readable) if os.path.isdir(p))]:
        if any(_within(path, cover) for cover in hidden) and not any(_within(path, other) for other in shown):
            shown[path] = False
    originals = {path: os.open(path, os.O_PATH) for path in shown}  # reachable once covered
    for target, options, file_system in _mounts():
        if "ro" not in options:
            try:
                _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _kept(options))
            except OSError:
                if file_system not in KERNEL_FILE_SYSTEMS:
                    raise
    for cover in _outermost(hidden):
        _mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    for path in sorted(shown, key=len):
        if any(_within(path, cover) for cover in hidden):
            _make_mount_point(path, os.path.isdir(f"/proc/self/fd/{originals[path]}"))
        _mount(f"/proc/self/fd/{originals[path]}", path, None, MS_BIND)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | (0 if shown[path] else MS_RDONLY) | _kept(_options_of(path)))
        os.close(originals[path])
    for cover in _outermost(hidden):
        _mount(None, cover, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _python_paths() -> set[str]:
    """What imports and the interpreter read: the program's lazy imports need them."""
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.path.dirname(sys.executable), *sys.path]
    return {os.path.realpath(path) for path in candidates if path and os.path.exists(path)}


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _outermost(paths: list[str]) -> list[str]:
    return [path for path in paths if not any(other != path and _within(path, other) for other in paths)]


def _make_mount_point(path: str, is_dir: bool) -> None:
    if is_dir:
        os.makedirs(path, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Path(path).touch()


def _mounts() -> list[tuple[str, set[str], str]]:
    """(mount point, per-mount options, file system type) of each mount, parents first."""
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields, _, rest = line.partition(" - ")
        parts = fields.split()
        target = parts[4].encode().decode("unicode_escape")  # mountinfo writes a space as \040
        found.append((target, set(parts[5].split(",")), rest.split()[0]))
    return found


def _options_of(path: str) -> set[str]:
    """The options of the mount that holds `path` now (the last one mounted there)."""
    return next((options for target, options, _ in reversed(_mounts()) if target == path), set())


def _kept(options: set[str]) -> int:
    return sum(flag for name, flag in KEPT_FLAGS.items() if name in options)


@cache
def libc() -> ctypes.CDLL:
    """The C library, for the system calls Python's os module lacks (mount, unshare, prctl)."""
    return ctypes.CDLL(None, use_errno=True)


def _mount(source: str | None, target: str, file_system: str | None, flags: int, data: str | None = None) -> None:
    encoded = [value.encode() if value is not None else None for value in (source, target, file_system, data)]
    if libc().mount(encoded[0], encoded[1], encoded[2], ctypes.c_ulong(flags), encoded[3]) != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"mount {target}: {os.strerror(number)}", target)
