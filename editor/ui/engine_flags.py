"""Which processes the preview's web engine starts: no more than a page needs.

Chromium on Linux starts two "zygotes", processes it forks its children from: a sandboxed one
for page renderers and an unsandboxed one for helper processes that set up their own sandbox
after they start (audio, network). QtWebEngine runs its network service and its GPU work
inside the app's own process, so a preview never asks for such a helper, yet the unsandboxed
zygote stays resident: about 9 MiB, measured (decision 0011). ``--no-unsandboxed-zygote``
leaves it out; a helper that is needed after all is started directly and still sandboxes
itself, and page renderers still fork from the sandboxed zygote.

Like the other Chromium switches, it must be in the environment before Qt loads the engine.
"""

from __future__ import annotations

from collections.abc import MutableMapping

NO_UNSANDBOXED_ZYGOTE = "--no-unsandboxed-zygote"
_CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
#: Switches with which the user already chose how Chromium starts its processes.
_PROCESS_MODEL_SWITCHES = ("--no-zygote", "--single-process", NO_UNSANDBOXED_ZYGOTE)


def apply_process_model(environ: MutableMapping[str, str]) -> None:
    """Ask Chromium, through ``environ``, for no unsandboxed zygote, unless the user's own
    switches already decide how it starts its processes."""
    flags = environ.get(_CHROMIUM_FLAGS, "").split()
    if any(flag.split("=", 1)[0] in _PROCESS_MODEL_SWITCHES for flag in flags):
        return
    environ[_CHROMIUM_FLAGS] = " ".join([*flags, NO_UNSANDBOXED_ZYGOTE])
