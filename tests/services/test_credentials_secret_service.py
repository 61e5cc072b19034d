"""The token store against a real Secret Service: gnome-keyring under ``dbus-run-session``.

The test starts a private D-Bus session with a fresh, unlocked GNOME Keyring in a temporary
home (nothing of the machine's own keyring is touched), saves a token from one process, and
reads and deletes it from others, through keyring's own Secret Service backend. The system
packages come from ``packaging/test-packages.txt`` (``make test`` installs them); without them
the test skips, except under CI, where it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVER = "https://api.github.com"
TOKEN = "gho_SecretServiceRoundTrip0123456789abcd"

# Each step runs in its own Python process, so the token must really live in the keyring.
STEP = """
import json, sys
import keyring
from editor.services.credentials import SERVICE, TokenStore
step, server, token = sys.argv[1:4]
store = TokenStore()
if step == "save":
    store.save(server, token)
elif step == "delete":
    store.delete(server)
print(json.dumps({
    "step": step,
    "backend": type(keyring.get_keyring()).__module__,
    "token": store.load(server),
    "service": SERVICE,
}))
"""

SESSION = """
set -e
printf %s postwright-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
for step in save load delete; do
    "$PYTHON" -c "$STEP" "$step" "$SERVER" "$TOKEN"
done
"""


def _tools_or_skip() -> None:
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)
    ]
    if missing:
        reason = f"{', '.join(missing)} not installed (packaging/test-packages.txt lists them)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run this test")
        pytest.skip(reason)


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short private runtime folder: the keyring's sockets must fit a socket path's limit."""
    path = Path(tempfile.mkdtemp(prefix="pw-kr-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_token_saved_in_gnome_keyring_is_read_back_and_deleted(
    tmp_path: Path, runtime_dir: Path
) -> None:
    _tools_or_skip()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHON": sys.executable,
        "STEP": STEP,
        "SERVER": SERVER,
        "TOKEN": TOKEN,
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SESSION],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    steps = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert [(s["step"], s["token"]) for s in steps] == [
        ("save", TOKEN),
        ("load", TOKEN),  # a new process found it: it is in the keyring, not in memory
        ("delete", None),
    ]
    assert {s["backend"] for s in steps} == {"keyring.backends.SecretService"}
    keyrings = home / ".local" / "share" / "keyrings"
    assert any(keyrings.iterdir()), "gnome-keyring kept nothing on disk"
    for path in home.rglob("*"):  # the keyring file is encrypted: the token is nowhere in clear
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
