"""Memory of a process tree: what the app costs, web engine and render child included."""

from __future__ import annotations

import os
from pathlib import Path


def tree_pss_mib(root: int | None = None) -> float | None:
    """Proportional set size of ``root`` (default: this process) and all its descendants.

    PSS shares pages fairly between the processes that map them, so summing it over the tree
    does not count the shared libraries of the web engine's processes several times. Linux only.
    """
    parts = tree_pss_by_process(root)
    return None if parts is None else round(sum(mib for _, mib in parts), 1)


def tree_pss_by_process(root: int | None = None) -> list[tuple[str, float]] | None:
    """``(process name and role, PSS in MiB)`` for ``root`` and each of its descendants."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    parts: list[tuple[str, float]] = []
    todo = [os.getpid() if root is None else root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            rollup = (proc / str(pid) / "smaps_rollup").read_text().splitlines()
            command = (proc / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        kib = sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        parts.append((_role(command), round(kib / 1024, 1)))
    return parts


def _role(command: list[bytes]) -> str:
    """A short name for a process: the program, and Chromium's ``--type`` when it has one."""
    words = [part.decode(errors="replace") for part in command if part]
    if len(words) == 1:  # a process that rewrote its title (Chromium's zygote children): one string
        words = words[0].split()
    name = Path(words[0]).name if words else "?"
    kind = next((w.split("=", 1)[1] for w in words if w.startswith("--type=")), "")
    joined = " ".join(words)
    if "render_child" in joined or "--render-child" in words:
        kind = "render child"
    elif "multiprocessing" in joined:
        kind = "multiprocessing helper"
    return f"{name} ({kind})" if kind else name
