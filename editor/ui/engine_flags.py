"""What the preview's web engine is asked for at start: no more processes and memory than a
page needs (decision 0011).

- ``--no-unsandboxed-zygote``. Chromium on Linux starts two "zygotes", processes it forks its
  children from: a sandboxed one for page renderers and an unsandboxed one for helper
  processes that set up their own sandbox after they start (audio, network). QtWebEngine runs
  its network service and its GPU work inside the app's own process, so a preview never asks
  for such a helper, yet the unsandboxed zygote stays resident (about 9 MiB, measured). Without
  it, a helper that is needed after all is started directly and still sandboxes itself; page
  renderers still fork from the sandboxed zygote.
- ``--js-flags=--lite-mode``. V8 trades speed for memory: no optimising compiler, feedback
  allocated lazily. The preview runs only the app's own small page script (a document's
  scripts never run), whose work is patching a few blocks; measured, the page's process holds
  about 6 MiB less after opening a 10k-word post and 80 MiB less while typing into a
  100k-word one, and keystroke to preview stays within a few milliseconds of the default.

The user's own switches for the same things are left as they are. Like every Chromium switch,
these must be in the environment before Qt loads the engine.
"""

from __future__ import annotations

from collections.abc import MutableMapping

NO_UNSANDBOXED_ZYGOTE = "--no-unsandboxed-zygote"
LITE_SCRIPT_ENGINE = "--js-flags=--lite-mode"
_CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"

#: Each switch the app adds, and the switches with which the user already decided the same.
_OURS = (
    (NO_UNSANDBOXED_ZYGOTE, ("--no-zygote", "--single-process", NO_UNSANDBOXED_ZYGOTE)),
    (LITE_SCRIPT_ENGINE, ("--js-flags",)),
)


def apply_engine_flags(environ: MutableMapping[str, str]) -> None:
    """Add the app's Chromium switches to ``environ``, except where the user's own decide."""
    flags = environ.get(_CHROMIUM_FLAGS, "").split()
    given = {flag.split("=", 1)[0] for flag in flags}
    added = [flag for flag, deciders in _OURS if given.isdisjoint(deciders)]
    if added:
        environ[_CHROMIUM_FLAGS] = " ".join([*flags, *added])
