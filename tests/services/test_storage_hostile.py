"""Saving when the machine misbehaves: a full disk, a folder that refuses, a kill mid-write.

These use the real thing where the system allows it (a tiny tmpfs, a size limit set by the
kernel, a folder the user may not write, SIGKILL), not a patched function.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core.post import Post
from editor.services.storage import StorageError, load_post, save_post

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file system behaviour")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs the right to mount, as root in a container has)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


@POSIX_ONLY
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temp_file(small_disk: Path) -> None:
    path = small_disk / "post.md"
    path.write_text("# The saved version\n", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        save_post(path, Post("# A much longer version\n" + "words " * 40_000))
    assert "disk is full" in caught.value.message.english()
    assert "still in the editor" in caught.value.message.english()
    assert path.read_text(encoding="utf-8") == "# The saved version\n"
    assert leftovers(small_disk) == []


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


@POSIX_ONLY
def test_the_kernel_refusing_more_bytes_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("the saved version\n", encoding="utf-8")
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from editor.core.post import Post\n"
        "from editor.services.storage import StorageError, save_post\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))\n"
        "try:\n"
        "    save_post(Path(sys.argv[1]), Post('x' * 200_000))\n"
        "except StorageError as error:\n"
        "    print(error.message.english())\n"
    )
    done = run_python(code, str(path))
    assert "could not be saved" in done.stdout and "not changed" in done.stdout, done
    assert path.read_text(encoding="utf-8") == "the saved version\n"
    assert leftovers(tmp_path) == []


def as_ordinary_user() -> list[str]:
    """A command prefix that runs without root's right to write anywhere (empty: not root)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: root may write into any folder")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@POSIX_ONLY
def test_a_folder_that_refuses_writing_is_explained(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    path = posts / "post.md"
    path.write_text("the saved version\n", encoding="utf-8")
    path.chmod(0o666)  # the file would allow it; the folder does not
    posts.chmod(0o555)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from editor.core.post import Post\n"
        "from editor.services.storage import StorageError, save_post\n"
        "try:\n"
        "    save_post(Path(sys.argv[1]), Post('new'))\n"
        "except StorageError as error:\n"
        "    print(error.message.english())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    try:
        done = subprocess.run(
            [*as_ordinary_user(), sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=60,
        )
    finally:
        posts.chmod(0o755)
    assert "do not have permission to save" in done.stdout, done
    assert path.read_text(encoding="utf-8") == "the saved version\n"
    assert leftovers(posts) == []


WRITER = """
import sys
from pathlib import Path
from editor.services.storage import atomic_write_bytes
target, size = Path(sys.argv[1]), int(sys.argv[2])
version = 0
print("ready", flush=True)
while True:
    version += 1
    header = f"version {version}\\n".encode()
    atomic_write_bytes(target, header + bytes([65 + version % 26]) * size + b"\\nend\\n")
"""


def complete_version(data: bytes, size: int) -> bool:
    """True when ``data`` is one whole version as the writer makes them."""
    header, _, rest = data.partition(b"\n")
    if not header.startswith(b"version ") or not rest.endswith(b"\nend\n"):
        return False
    filler = rest[: -len(b"\nend\n")]
    return len(filler) == size and filler == filler[:1] * size


@POSIX_ONLY
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    runs = int(os.environ.get("POSTWRIGHT_ATOMIC_KILL_RUNS", "12"))
    size = 2_000_000
    target = tmp_path / "post.md"
    target.write_bytes(b"version 0\n" + b"A" * size + b"\nend\n")
    rng = random.Random()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    broken: list[bytes] = []
    for _ in range(runs):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(size)],
            env=env,
            stdout=subprocess.PIPE,
        )
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        writer.stdout.close()
        data = target.read_bytes()
        if not complete_version(data, size):
            broken.append(data[:40])
    print(f"atomic save: {runs} kills, {len(broken)} damaged files")
    assert broken == []
    assert load_post(target).post.text.startswith("version ")
